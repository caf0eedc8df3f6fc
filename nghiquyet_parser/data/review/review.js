/* The review page's behaviour: hover and click show a fact's fields, a target row finds its
   span, the filters hide highlights. Every value from the document is put in the page as
   text (textContent), never as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("facts").textContent);
  var LISTS = { target: data.targets, place: data.places, citation: data.cited_documents, quantity: data.quantities };
  var NAMES = { target: "Target", place: "Place", citation: "Citation", quantity: "Quantity" };
  // Fields shown first, in this order; the rest follow as the JSON has them.
  var FIRST = {
    target: ["indicator", "value", "value_max", "unit", "comparator", "kind", "status", "change", "period"],
    place: ["type", "name", "code", "is_administrative_unit", "parents", "successor", "code_note", "evidence"],
    citation: ["type", "number", "date", "issuer", "title", "name"],
    quantity: ["decision", "reason", "rule", "text", "value", "value_max", "unit"]
  };
  var SHORT = { target: ["indicator", "value", "unit", "status"], place: ["type", "name", "code"],
    citation: ["type", "number", "date"], quantity: ["decision", "reason", "rule"] };
  var FACT = "[data-fact],[data-fact-cont]";
  var doc = document.getElementById("doc");
  var details = document.getElementById("details");
  var tooltip = document.getElementById("tooltip");
  var table = document.getElementById("target-table");

  function kindOf(el) { return el.getAttribute("data-fact") || el.getAttribute("data-fact-cont"); }

  function chainAt(el) {  // the facts under a point, innermost first
    var chain = [];
    for (var node = el && el.closest(FACT); node && doc.contains(node); node = node.parentElement.closest(FACT)) {
      if (!document.body.classList.contains("hide-" + kindOf(node))) {
        chain.push({ kind: kindOf(node), index: Number(node.getAttribute("data-index")) });
      }
    }
    return chain;
  }

  function show(value) {
    if (value === null || value === undefined || value === "") { return null; }
    if (Array.isArray(value)) {
      if (!value.length) { return null; }
      return value.map(function (item) {
        return (item && typeof item === "object") ? [item.type, item.name, item.code].filter(Boolean).join(" ") : String(item);
      }).join("; ");
    }
    if (typeof value === "object") {
      if ("direction" in value) { return (value.direction === "up" ? "+" : "−") + (value.value ?? "") + (value.unit || ""); }
      return [value.type, value.name, value.code].filter(Boolean).join(" ") || JSON.stringify(value);
    }
    return String(value);
  }

  function fields(kind, index, keys) {
    var fact = LISTS[kind][index] || {};
    var order = keys || FIRST[kind].concat(Object.keys(fact).filter(function (key) {
      return FIRST[kind].indexOf(key) < 0 && !/span/.test(key);
    }));
    var rows = [];
    order.forEach(function (key) { var text = show(fact[key]); if (text !== null) { rows.push([key, text]); } });
    if (kind === "place" && !keys) { rows.push(["mentions", String((fact.spans || []).length)]); }
    if (kind === "quantity" && fact.decision === "target") {
      var owner = findTarget(fact.span);
      if (owner >= 0) { rows.push(["target", "#" + owner]); }
    }
    return rows;
  }

  function findTarget(span) {
    for (var i = 0; i < data.targets.length; i++) {
      var other = data.targets[i].span;
      if (other.start <= span.start && span.end <= other.end) { return i; }
    }
    return -1;
  }

  function card(kind, index) {
    var box = document.createElement("div");
    box.className = "fact k-" + kind;
    var heading = document.createElement("h3");
    heading.textContent = NAMES[kind] + " #" + index;
    var list = document.createElement("dl");
    fields(kind, index).forEach(function (row) {
      var term = document.createElement("dt"); term.textContent = row[0];
      var value = document.createElement("dd"); value.textContent = row[1];
      list.append(term, value);
    });
    box.append(heading, list);
    return box;
  }

  function showDetails(chain) {
    var heading = document.createElement("h2");
    heading.textContent = "Details";
    details.replaceChildren(heading);
    chain.forEach(function (fact) { details.append(card(fact.kind, fact.index)); });
  }

  function elementsOf(kind, index) {
    return doc.querySelectorAll('[data-fact="' + kind + '"][data-index="' + index + '"],' +
      '[data-fact-cont="' + kind + '"][data-index="' + index + '"]');
  }

  function select(kind, index) {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    var found = elementsOf(kind, index);
    found.forEach(function (el) { el.classList.add("selected"); });
    if (kind === "target") {
      doc.querySelectorAll(".indicator").forEach(function (el) {
        if (el.getAttribute("data-targets").split(" ").indexOf(String(index)) >= 0) { el.classList.add("selected"); }
      });
      var row = table.querySelector('tbody tr[data-index="' + index + '"]');
      if (row) { row.classList.add("selected"); row.scrollIntoView({ block: "nearest" }); }
    }
    return found;
  }

  doc.addEventListener("click", function (event) {
    var chain = chainAt(event.target);
    if (!chain.length) { return; }
    select(chain[0].kind, chain[0].index);
    showDetails(chain);
  });

  doc.addEventListener("mouseover", function (event) {
    var chain = chainAt(event.target);
    if (!chain.length) { tooltip.hidden = true; return; }
    tooltip.textContent = chain.map(function (fact) {
      return NAMES[fact.kind] + " #" + fact.index + ": " + fields(fact.kind, fact.index, SHORT[fact.kind])
        .map(function (row) { return row[1]; }).join(" · ");
    }).join("\n");
    tooltip.hidden = false;
  });
  doc.addEventListener("mousemove", function (event) {
    tooltip.style.left = Math.min(event.clientX + 14, window.innerWidth - 370) + "px";
    tooltip.style.top = (event.clientY + 16) + "px";
  });
  doc.addEventListener("mouseleave", function () { tooltip.hidden = true; });

  function pickRow(row) {
    var index = Number(row.getAttribute("data-index"));
    var found = select("target", index);
    if (found.length) { found[0].scrollIntoView({ block: "center" }); }
    showDetails([{ kind: "target", index: index }]);
  }
  table.addEventListener("click", function (event) {
    var row = event.target.closest("tbody tr");
    if (row) { pickRow(row); }
  });
  table.addEventListener("keydown", function (event) {
    var row = event.target.closest("tbody tr");
    if (row && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); pickRow(row); }
  });

  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-filter"), !box.checked);
    });
  });
}());
