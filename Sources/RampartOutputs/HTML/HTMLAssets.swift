/// The HTML report's stylesheet and script, embedded so the report needs no file or network
/// fetch. The script reads the data block and builds every element with `createElement` and
/// `textContent` (never `innerHTML`), so untrusted names, tags and messages stay text. Filter
/// state lives in `location.hash` (`#severity=high&status=FAIL&q=bucket&resource=ARN`), so a
/// filtered view can be bookmarked or opened directly. When it has drawn the page it sets
/// `data-rendered="ok"` on `<html>`, and on the table the number of matching findings in
/// `data-rows` and of rows drawn in `data-drawn` (the first 2,000 until "Show all" is pressed).
enum HTMLAssets {
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2329;background:#f6f7f9;font-size:14px}
        header{background:#1f3a5f;color:#fff;padding:12px 24px}header h1{margin:0 0 4px;font-size:22px}
        .meta{margin:0 0 8px;opacity:.9}nav button{background:#2f5485;color:#fff;border:0;padding:6px 12px;margin-right:6px;border-radius:4px;cursor:pointer}
        main{padding:0 24px 40px}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 18px;margin:18px 0}
        h2{font-size:18px;margin:4px 0 10px}h3{font-size:15px;margin:14px 0 6px}.note{color:#58606b}
        .charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#eef1f4;position:sticky;top:0}td.msg{max-width:520px;overflow-wrap:anywhere}
        .st{font-weight:600;padding:1px 6px;border-radius:3px;white-space:nowrap}
        .st-FAIL{background:#f8d7d5;color:#8b1a16}.st-PASS{background:#dcf0dc;color:#225c22}.st-UNKNOWN{background:#e8defa;color:#4b2f86}
        .st-MANUAL{background:#d8f0f7;color:#1d5c6e}.st-INHERITED{background:#eceff2;color:#48515c}
        .sev-critical{color:#8b0000;font-weight:700}.sev-high{color:#c0392b;font-weight:600}.sev-medium{color:#b9770e}.sev-low{color:#7d7a1c}.sev-informational{color:#4f6d91}
        .filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin-bottom:8px}.filters label{display:flex;flex-direction:column;font-size:12px;color:#48515c}
        .filters select,.filters input{font-size:13px;padding:3px}button.link{background:none;border:0;color:#1f5fa8;cursor:pointer;padding:0;text-align:left;font:inherit;text-decoration:underline}
        pre{background:#f2f4f6;padding:8px;overflow:auto;max-height:320px;font-size:12px}.scroll{overflow:auto}
        .finding{border-top:1px solid #e3e6ea;padding:8px 0}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        details>summary{cursor:pointer}
        """

    static let script = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("rampart-data").textContent);
          var findings = data.findings, resources = data.resources;
          var severityRank = {critical: 0, high: 1, medium: 2, low: 3, informational: 4};
          var statusRank = {FAIL: 0, UNKNOWN: 1, MANUAL: 2, PASS: 3};

          function el(tag, className, text) {
            var node = document.createElement(tag);
            if (className) { node.className = className; }
            if (text !== undefined && text !== null) { node.textContent = String(text); }
            return node;
          }
          function add(parent) {
            for (var i = 1; i < arguments.length; i++) { if (arguments[i]) { parent.appendChild(arguments[i]); } }
            return parent;
          }
          function status(s) { return el("span", "st st-" + (statusRank[s] !== undefined || s === "INHERITED" ? s : "x"), s); }
          function frameworkList(f) {
            return Object.keys(f).sort().map(function (k) { return k + " " + f[k].join(", "); }).join("; ");
          }

          // Responsibility matrix.
          (function () {
            var body = document.getElementById("matrix-body");
            if (!data.matrix) { return; }
            data.matrix.services.forEach(function (s) {
              var counts = {};
              s.responsibilities.forEach(function (r) { counts[r.status] = (counts[r.status] || 0) + 1; });
              var details = el("details");
              details.setAttribute("data-service", s.service);
              add(details, el("summary", null, s.service + ": " + s.name + " (" + s.awsModel + "; " + s.serviceModel + "): " +
                  ["FAIL", "UNKNOWN", "MANUAL", "PASS", "INHERITED"].map(function (k) { return k + " " + (counts[k] || 0); }).join(", ")));
              var table = el("table"), head = el("tr");
              ["Status", "Owner", "Responsibility", "Failing", "Unknown", "Judged", "Checks or attestations"].forEach(function (h) { add(head, el("th", null, h)); });
              add(table, add(el("thead"), head));
              var tbody = el("tbody");
              add(table, tbody);
              s.responsibilities.forEach(function (r) {
                var tr = el("tr");
                var support = r.owner === "aws" ? r.attestations.join(", ") : (r.checks.length ? r.checks.join(", ") : (r.evidence || ""));
                add(tr, add(el("td"), status(r.status)), el("td", null, r.owner), el("td", null, r.title),
                    el("td", null, r.checks.length ? r.failing : ""), el("td", null, r.checks.length ? r.unknown : ""),
                    el("td", null, r.checks.length ? r.judged : ""), el("td", "msg", support));
                tr.setAttribute("data-row", "responsibility");
                add(tbody, tr);
              });
              add(body, add(details, table));
            });
            if (data.matrix.unmappedChecks.length) {
              add(body, el("p", "note", "Checks in no responsibility: " + data.matrix.unmappedChecks.join(", ")));
            }
          })();

          // Compliance per framework.
          (function () {
            document.getElementById("compliance-basis").textContent = data.compliance.basis;
            var body = document.getElementById("compliance-body");
            if (!data.compliance.frameworks.length) { add(body, el("p", null, "No finding names a framework requirement.")); }
            data.compliance.frameworks.forEach(function (f) {
              var counts = {PASS: 0, FAIL: 0, UNKNOWN: 0, MANUAL: 0, INHERITED: 0, NOT_APPLICABLE: 0};
              f.requirements.forEach(function (q) { counts[q.status] = (counts[q.status] || 0) + 1; });
              var details = el("details");
              details.setAttribute("data-framework", f.id);
              add(details, el("summary", null, (f.title ? f.title + " (" + f.id + ")" : f.id) + ": " + f.requirements.length +
                  " requirements; FAIL " + counts.FAIL + ", UNKNOWN " + counts.UNKNOWN + ", PASS " + counts.PASS + ", MANUAL " + counts.MANUAL +
                  (counts.INHERITED ? ", INHERITED " + counts.INHERITED : "") + (counts.NOT_APPLICABLE ? ", NOT_APPLICABLE " + counts.NOT_APPLICABLE : "") +
                  (f.score ? "; score " + f.score : "")));
              var table = el("table"), head = el("tr");
              ["Requirement", "Status", "Pass", "Fail", "Unknown", "Manual", "Checks"].forEach(function (h) { add(head, el("th", null, h)); });
              add(table, add(el("thead"), head));
              var tbody = el("tbody");
              add(table, tbody);
              f.requirements.forEach(function (q) {
                add(tbody, add(el("tr"), el("td", null, q.title ? q.id + " " + q.title : q.id), add(el("td"), status(q.status)),
                    el("td", null, q.pass), el("td", null, q.fail), el("td", null, q.unknown), el("td", null, q.manual),
                    el("td", "msg", q.checks.join(", "))));
              });
              add(body, add(details, table));
            });
          })();

          // Filters, table and resource detail, driven by location.hash.
          var filters = [
            {key: "severity", label: "Severity", value: function (f) { return f.severity; }},
            {key: "status", label: "Status", value: function (f) { return f.status; }},
            {key: "muted", label: "Muted", value: function (f) { return f.muted ? "muted" : "not muted"; }},
            {key: "service", label: "Service", value: function (f) { return f.service; }},
            {key: "account", label: "Account", value: function (f) { return resources[f.resource].account; }},
            {key: "region", label: "Region", value: function (f) { return resources[f.resource].region; }},
            {key: "framework", label: "Framework", value: null}
          ];
          var controls = {};
          var bar = document.getElementById("filters");
          filters.forEach(function (spec) {
            var seen = {};
            findings.forEach(function (f) {
              (spec.value ? [spec.value(f)] : Object.keys(f.frameworks)).forEach(function (v) { seen[v] = true; });
            });
            var values = Object.keys(seen).sort(function (a, b) {
              if (spec.key === "severity") { return severityRank[a] - severityRank[b]; }
              if (spec.key === "status") { return statusRank[a] - statusRank[b]; }
              return a < b ? -1 : a > b ? 1 : 0;
            });
            var select = el("select");
            select.id = "filter-" + spec.key;
            var any = el("option", null, "any");
            any.value = "";
            add(select, any);
            values.forEach(function (v) { var o = el("option", null, v); o.value = v; add(select, o); });
            select.addEventListener("change", update);
            controls[spec.key] = select;
            add(bar, add(el("label", null, spec.label), select));
          });
          var search = el("input");
          search.type = "search";
          search.id = "filter-q";
          search.placeholder = "search text";
          search.addEventListener("input", update);
          controls.q = search;
          add(bar, add(el("label", null, "Search"), search));
          var clear = el("button", null, "Clear filters");
          clear.type = "button";
          clear.addEventListener("click", function () { location.hash = ""; });
          add(bar, clear);

          function readHash() {
            var state = {};
            location.hash.replace(/^#/, "").split("&").forEach(function (part) {
              if (!part) { return; }
              var i = part.indexOf("=");
              var k = decodeURIComponent(i < 0 ? part : part.slice(0, i));
              state[k] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1).replace(/\\+/g, " "));
            });
            return state;
          }
          function update() {
            var parts = [];
            Object.keys(controls).forEach(function (k) {
              if (controls[k].value) { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(controls[k].value)); }
            });
            var resource = readHash().resource;
            if (resource) { parts.push("resource=" + encodeURIComponent(resource)); }
            var next = "#" + parts.join("&");
            if (location.hash !== next && !(next === "#" && !location.hash)) { history.replaceState(null, "", next); }
            render();
          }
          function matches(f, state) {
            var r = resources[f.resource];
            for (var i = 0; i < filters.length; i++) {
              var spec = filters[i], wanted = state[spec.key];
              if (!wanted) { continue; }
              if (spec.value ? spec.value(f) !== wanted : !f.frameworks[wanted]) { return false; }
            }
            if (state.q) {
              var needle = state.q.toLowerCase();
              var hay = [f.checkId, f.title, f.message, f.service, r.arn, f.name, r.type, r.account, r.region, frameworkList(f.frameworks)].join("\\n").toLowerCase();
              if (hay.indexOf(needle) < 0) { return false; }
            }
            return true;
          }
          var order = findings.map(function (_, i) { return i; }).sort(function (a, b) {
            var fa = findings[a], fb = findings[b];
            return (statusRank[fa.status] - statusRank[fb.status]) || (severityRank[fa.severity] - severityRank[fb.severity]) ||
              (fa.checkId < fb.checkId ? -1 : fa.checkId > fb.checkId ? 1 : a - b);
          });
          var table = document.getElementById("finding-table");
          var tbody = table.tBodies[0];

          function showResource(index) {
            var state = readHash();
            state.resource = resources[index].arn;
            location.hash = Object.keys(state).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(state[k]); }).join("&");
          }
          function resourceButton(index, name) {
            var r = resources[index];
            var b = el("button", "link", name || r.arn);
            b.type = "button";
            b.title = r.arn;
            b.addEventListener("click", function () { showResource(index); });
            return b;
          }
          // Large scans: draw the first rows that match, and the rest on request.
          var limit = 2000, drawAll = false;
          var more = el("button", null, "Show all matching findings");
          more.type = "button";
          more.hidden = true;
          more.addEventListener("click", function () { drawAll = true; render(); });
          table.parentNode.insertBefore(more, table.nextSibling);
          function render() {
            var state = readHash();
            Object.keys(controls).forEach(function (k) { controls[k].value = state[k] || ""; });
            var rows = document.createDocumentFragment(), shown = 0;
            order.forEach(function (i) {
              var f = findings[i];
              if (!matches(f, state)) { return; }
              shown++;
              if (!drawAll && shown > limit) { return; }
              var r = resources[f.resource];
              var tr = el("tr");
              tr.setAttribute("data-status", f.status);
              if (f.muted) { tr.setAttribute("data-muted", "true"); }
              tr.setAttribute("data-severity", f.severity);
              add(tr, el("td", "sev-" + f.severity, f.severity), add(el("td"), status(f.status)), el("td", null, f.checkId),
                  add(el("td", "msg"), resourceButton(f.resource, f.name)), el("td", null, f.service), el("td", null, r.account),
                  el("td", null, r.region),
                  el("td", "msg", f.muted ? "MUTED (" + f.muted.rule + ", owner " + f.muted.owner + ", until " + f.muted.expires + ": " + f.muted.reason + ") " + f.message : f.message));
              rows.appendChild(tr);
            });
            while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
            tbody.appendChild(rows);
            var drawn = drawAll ? shown : Math.min(shown, limit);
            table.setAttribute("data-rows", String(shown));
            table.setAttribute("data-drawn", String(drawn));
            more.hidden = drawn === shown;
            document.getElementById("shown").textContent = shown + " of " + findings.length + " findings shown" +
              (drawn < shown ? "; the first " + drawn + " are drawn" : "");
            renderDetail(state.resource);
          }
          function renderDetail(arn) {
            var section = document.getElementById("detail"), body = document.getElementById("detail-body");
            while (body.firstChild) { body.removeChild(body.firstChild); }
            var index = -1;
            for (var i = 0; i < resources.length; i++) { if (resources[i].arn === arn) { index = i; break; } }
            if (index < 0) { section.hidden = true; return; }
            var r = resources[index];
            section.hidden = false;
            var dl = el("dl");
            [["Name", r.name], ["ARN", r.arn], ["Type", r.type], ["Account", r.account], ["Region", r.region],
             ["Availability Zone", r.availabilityZone ? r.availabilityZone + " (" + (r.availabilityZoneId || "?") + ")" : "-"]].forEach(function (p) {
              add(dl, el("dt", null, p[0]), el("dd", null, p[1]));
            });
            var close = el("button", null, "Close");
            close.type = "button";
            close.addEventListener("click", function () {
              var state = readHash();
              delete state.resource;
              location.hash = Object.keys(state).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(state[k]); }).join("&");
            });
            add(body, close, dl);
            var mine = order.filter(function (i) { return findings[i].resource === index; });
            add(body, el("h3", null, mine.length + " finding(s)"));
            mine.forEach(function (i) {
              var f = findings[i];
              var box = el("div", "finding");
              box.setAttribute("data-check", f.checkId);
              add(box, add(el("p"), status(f.status), el("span", "sev-" + f.severity, " " + f.severity + " "), el("strong", null, f.checkId)),
                  el("p", null, f.name !== r.name ? f.title + " (" + f.name + ")" : f.title), el("p", null, f.message));
              var facts = el("dl");
              add(facts, el("dt", null, "Why it matters"), el("dd", null, f.risk), el("dt", null, "Remediation"), el("dd", null, f.remediation),
                  el("dt", null, "Frameworks"), el("dd", null, frameworkList(f.frameworks) || "-"), el("dt", null, "Owner"), el("dd", null, f.owner));
              add(box, facts, el("p", "note", "Evidence"), el("pre", null, JSON.stringify(f.evidence, null, 2)));
              add(body, box);
            });
            section.scrollIntoView();
          }
          Array.prototype.forEach.call(document.querySelectorAll("nav button"), function (b) {
            b.addEventListener("click", function () { document.getElementById(b.getAttribute("data-goto")).scrollIntoView(); });
          });
          window.addEventListener("hashchange", render);
          render();
          document.documentElement.setAttribute("data-rendered", "ok");
        })();
        """
}
