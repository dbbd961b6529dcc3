// Small enhancements of server-rendered forms; every page works without them.
(function () {
  "use strict";

  // Formsets: "Add a row" copies the empty form, numbering it like Django's formset expects.
  function addRow(prefix) {
    const template = document.querySelector(`template[data-formset-template="${prefix}"]`);
    const body = document.querySelector(`[data-formset-body="${prefix}"]`);
    const total = document.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    if (!template || !body || !total) return;
    const index = parseInt(total.value, 10) || 0;
    body.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
    total.value = String(index + 1);
    const added = body.lastElementChild;
    wireAutocomplete(added);
    const first = added && added.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { addRow(button.dataset.addRow); });
  });

  // Affiliates: as the user types, ask the server and fill the input's <datalist>.
  function debounce(fn, ms) {
    let timer = null;
    return function (...args) { clearTimeout(timer); timer = setTimeout(() => fn.apply(this, args), ms); };
  }

  function fillDatalist(list, results) {
    list.replaceChildren(...results.map(function (item) {
      const option = document.createElement("option");
      option.value = item.name;
      option.label = item.label;
      return option;
    }));
  }

  function wireAutocomplete(root) {
    if (!root) return;
    root.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
      if (input.dataset.wired) return;
      input.dataset.wired = "1";
      const list = document.getElementById(input.getAttribute("list"));
      if (!list) return;
      let last = "";
      input.addEventListener("input", debounce(async function () {
        const q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        const url = new URL(input.dataset.autocomplete, window.location.origin);
        url.searchParams.set("q", q);
        if (input.dataset.kind) url.searchParams.set("kind", input.dataset.kind);
        try {
          const response = await fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}});
          if (response.ok) fillDatalist(list, (await response.json()).results || []);
        } catch (error) { /* offline for a moment: the server checks the name anyway */ }
      }, 200));
    });
  }
  wireAutocomplete(document);

  // Amendment form: the USOCs a deletion may name follow the agreements and the effective date chosen.
  const amendmentForm = document.getElementById("amendment-form");
  if (amendmentForm) {
    const list = document.getElementById("usocs-in-force");
    const note = document.getElementById("usocs-note");
    const effective = amendmentForm.querySelector("input[name=effective_on]");
    const refresh = debounce(async function () {
      const chosen = Array.from(amendmentForm.querySelectorAll("input[name=agreements]:checked")).map((box) => box.value);
      if (!chosen.length || !effective || !effective.value) return;
      const found = new Map();
      for (const pk of chosen) {
        const url = new URL(amendmentForm.dataset.usocsUrl.replace("/0/", `/${pk}/`), window.location.origin);
        url.searchParams.set("before", effective.value);
        try {
          const response = await fetch(url, {credentials: "same-origin"});
          if (!response.ok) continue;
          for (const element of (await response.json()).usocs) {
            if (!found.has(element.usoc)) found.set(element.usoc, element);
          }
        } catch (error) { return; }
      }
      const usocs = Array.from(found.values()).sort((a, b) => a.usoc.localeCompare(b.usoc));
      list.replaceChildren(...usocs.map(function (element) {
        const option = document.createElement("option");
        option.value = element.usoc;
        option.label = element.category || element.description || "";
        return option;
      }));
      if (note) {
        note.textContent = usocs.length
          ? "In force before the effective date: " + usocs.map((e) => e.usoc).join(", ")
          : "The chosen agreements carry no rate element before that date.";
      }
    }, 250);
    amendmentForm.addEventListener("change", function (event) {
      if (event.target.name === "agreements" || event.target.name === "effective_on") refresh();
    });
  }

  // A form is sent once: a second click while the page loads would post it twice.
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });

  // After a failed save, take the keyboard to the first field that needs attention.
  const firstError = document.querySelector(".has-error input:not([type=hidden]), .has-error select, .has-error textarea");
  if (firstError) firstError.focus({preventScroll: false});
})();
