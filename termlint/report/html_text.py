"""The HTML report's interface text in Finnish and English, and its style sheet and script.

Kept apart from :mod:`termlint.report.html` so that the renderer reads as structure only, and so
that a translator (or a third language) touches one table. Every string here is written by us and
inserted into the page escaped like any other text; none holds markup.
"""

from __future__ import annotations

#: Interface languages; the first is the default where the locale says nothing.
LANGUAGES = ("en", "fi")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "termlint report",
        "skip": "Skip to the findings",
        "intro": "Terms that the selected vocabularies do not recommend, each in its context "
                 "with the recommended wording.",
        "totals": "Totals",
        "files": "Files checked",
        "findings": "Findings",
        "findings_h": "Findings",
        "fixable": "Fixable with --fix",
        "fixed": "Fixed in this run",
        "errors": "Files that could not be checked",
        "count": "Findings",
        "per_concept": "Findings per concept",
        "per_file": "Findings per file",
        "concept": "Concept",
        "file": "File",
        "chart": "Bar chart: {what}. The table below gives the numbers.",
        "chart_more": "The chart shows the first {shown} of {total}; the table has them all.",
        "filters": "Filter the findings",
        "severity": "Severity",
        "all": "All",
        "reset": "Show all",
        "shown": "{shown} of {total} findings shown.",
        "none": "No findings.",
        "none_shown": "No finding matches the filters.",
        "context": "Context",
        "match": "found",
        "fix": "Fix (applied by --fix)",
        "advice": "Suggestion (check that it fits; not applied by --fix)",
        "rule": "Rule",
        "key": "Key",
        "source": "Source",
        "explanation": "Explanation",
        "explanations": "Explanations of the concepts and rules",
        "footer": "Made by termlint {version}. This file is self-contained: it loads nothing "
                  "from the network.",
        "severity_error": "error",
        "severity_warning": "warning",
        "severity_info": "info",
        "severity_suggestion": "suggestion",
        "no_explanation": "No explanation is available for this rule.",
    },
    "fi": {
        "title": "termlint-raportti",
        "skip": "Siirry havaintoihin",
        "intro": "Termit, joita valitut sanastot eivät suosittele, kukin asiayhteydessään "
                 "ja suositeltu ilmaus rinnalla.",
        "totals": "Yhteenveto",
        "files": "Tarkistettuja tiedostoja",
        "findings": "Havaintoja",
        "findings_h": "Havainnot",
        "fixable": "Korjattavissa --fix-valitsimella",
        "fixed": "Korjattu tällä ajolla",
        "errors": "Tiedostoja, joita ei voitu tarkistaa",
        "count": "Havaintoja",
        "per_concept": "Havainnot käsitteittäin",
        "per_file": "Havainnot tiedostoittain",
        "concept": "Käsite",
        "file": "Tiedosto",
        "chart": "Pylväskaavio: {what}. Luvut ovat alla olevassa taulukossa.",
        "chart_more": "Kaaviossa on {total} rivistä ensimmäiset {shown}; taulukossa ovat kaikki.",
        "filters": "Rajaa havaintoja",
        "severity": "Vakavuus",
        "all": "Kaikki",
        "reset": "Näytä kaikki",
        "shown": "Näytetään {shown}/{total} havaintoa.",
        "none": "Ei havaintoja.",
        "none_shown": "Mikään havainto ei vastaa rajausta.",
        "context": "Asiayhteys",
        "match": "löydetty",
        "fix": "Korjaus (--fix tekee sen)",
        "advice": "Ehdotus (tarkista, sopiiko se; --fix ei tee sitä)",
        "rule": "Sääntö",
        "key": "Avain",
        "source": "Lähde",
        "explanation": "Selitys",
        "explanations": "Käsitteiden ja sääntöjen selitykset",
        "footer": "Tehty termlintin versiolla {version}. Tiedosto on itsenäinen: se ei lataa "
                  "mitään verkosta.",
        "severity_error": "virhe",
        "severity_warning": "varoitus",
        "severity_info": "huomautus",
        "severity_suggestion": "ehdotus",
        "no_explanation": "Tälle säännölle ei ole selitystä.",
    },
}


def language_from_locale(environ: dict[str, str]) -> str:
    """``fi`` when the first locale variable set (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the
    order gettext reads them in) is Finnish, else ``en``; ``LANGUAGE`` lists come first."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            first = value.split(":", 1)[0].lower()
            return "fi" if first.startswith("fi") else "en"
    return "en"


#: The style sheet. Contrast (WCAG 2.1 AA, 4.5:1 for text) was checked for every text colour on
#: its background; severity is never told by colour alone (each badge names it).
CSS = """
:root { color: #1b1b1b; background: #fff; font-family: system-ui, -apple-system, "Segoe UI",
  Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; }
a { color: #0b57a4; }
a:focus-visible, button:focus-visible, select:focus-visible, summary:focus-visible,
[tabindex]:focus-visible { outline: 3px solid #1a3f8f; outline-offset: 2px; }
.skip { position: absolute; left: -100rem; }
.skip:focus { position: static; display: inline-block; padding: .5rem; background: #fff; }
header { border-bottom: 2px solid #1a3f8f; margin-bottom: 1rem; }
h1 { margin: .75rem 0 .25rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border: 1px solid #8c8c8c; padding: .2rem .5rem; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0 0 1rem; }
svg text { font: 13px system-ui, sans-serif; fill: #1b1b1b; }
.bar { fill: #2b5fa8; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: end;
  padding: .75rem; border: 1px solid #8c8c8c; margin: .5rem 0; }
form.filters label { display: block; font-weight: 600; }
select, button { font: inherit; padding: .25rem; max-width: 30rem; }
button { border: 2px solid #1a3f8f; background: #fff; color: #1a3f8f; border-radius: 4px; }
ol.findings { list-style: none; padding: 0; }
ol.findings > li { border: 1px solid #8c8c8c; border-radius: 4px; padding: .5rem .75rem;
  margin: .75rem 0; }
h3 { font-size: 1rem; margin: 0 0 .25rem; word-break: break-all; }
.badge { display: inline-block; padding: 0 .4rem; border: 1px solid; border-radius: 3px;
  font-weight: 600; }
.sev-error { color: #8a1010; background: #fde8e8; }
.sev-warning { color: #6b4500; background: #fff3d1; }
.sev-info { color: #0b4a7a; background: #e3f0fb; }
.sev-suggestion { color: #3b3b3b; background: #efefef; }
.context { background: #f6f6f6; padding: .25rem .5rem; white-space: pre-wrap;
  word-break: break-word; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
mark { background: #ffe066; color: #000; text-decoration: underline 2px; font-weight: 700; }
code, .context { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .95em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .5rem;
  margin: .25rem 0; }
.status { font-weight: 600; }
footer { border-top: 1px solid #8c8c8c; margin-top: 2rem; padding-top: .5rem; }
[hidden] { display: none !important; }
"""

#: The filters: show the findings whose severity, concept and file match the three selects, and
#: say how many are shown in a polite live region. Without the script every finding is shown and
#: the filter form stays hidden (it would do nothing).
SCRIPT = """
(function () {
  "use strict";
  // An explanation is written once; opening a finding's details copies it in.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.dataset || !details.dataset.explain || details.dataset.filled) {
      return;
    }
    var source = document.getElementById(details.dataset.explain);
    var text = source && source.querySelector("pre");
    if (text) {
      details.appendChild(text.cloneNode(true));
      details.dataset.filled = "1";
    }
  }, true);
  var form = document.getElementById("filters");
  if (!form) {
    return;  // no findings, nothing to filter
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("ol.findings > li"));
  var status = document.getElementById("status");
  var empty = document.getElementById("none-shown");
  var total = items.length;
  var names = ["severity", "concept", "file"];
  function apply() {
    var wanted = {};
    names.forEach(function (name) { wanted[name] = form.elements[name].value; });
    var shown = 0;
    items.forEach(function (item) {
      var keep = names.every(function (name) {
        return wanted[name] === "" || item.dataset[name] === wanted[name];
      });
      item.hidden = !keep;
      if (keep) { shown += 1; }
    });
    status.textContent = status.dataset.template.replace("{shown}", String(shown))
      .replace("{total}", String(total));
    empty.hidden = shown !== 0;
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
"""
