import RampartJSON
import RampartOutputs

/// The dashboard's HTML: one self-contained page per view, its data inline as JSON (with `<`, `>`
/// and `&` escaped so no text can close the script element) and drawn by a small script that
/// writes untrusted text only through `textContent`. Nothing is fetched from the network. It wears
/// the HTML report's stylesheet (`HTMLReportStyle`) and, like the report, its policy lets only its
/// own script and style run, by hash: no `'unsafe-inline'`.
enum Page {
    static func render(title: String, view: String, data: JSONValue) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>\(style)</style></head>
        <body data-view="\(escape(view))"><header><h1>Rampart dashboard</h1>\
        <nav><a href="/">Scans</a><a href="/diff">Latest changes</a></nav></header><main id="main"></main>
        <script type="application/json" id="data">\(inlineJSON(data))</script>
        <script>\(script)</script>
        </body></html>
        """
    }

    /// The Content-Security-Policy of every response: the page's own script and style only
    /// (by SHA-256), forms may submit only to the dashboard (the scan comparison), no framing.
    static let contentSecurityPolicy =
        HTMLReportStyle.contentSecurityPolicy(script: script, style: style, formAction: "'self'") + "; frame-ancestors 'none'"

    /// JSON safe inside a script element: `<`, `>` and `&` only ever occur inside JSON strings,
    /// where their `\\u` escapes mean the same.
    static func inlineJSON(_ value: JSONValue) -> String {
        JSONWriter.string(value).replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The report's stylesheet, plus the dashboard's own links in the header and the trend chart.
    static let style = HTMLReportStyle.stylesheet + """

        header nav a{display:inline-block;background:#2f5485;color:#fff;padding:6px 12px;margin-right:6px;border-radius:4px;text-decoration:none}
        .counts span{margin-right:1.2em}.filters{margin:8px 0}form{margin-top:10px}
        .trend .axis{stroke:#48515c;stroke-width:1}.trend .line{fill:none;stroke:#8b1a16;stroke-width:2}.trend .point{fill:#8b1a16}
        .trend text{font-size:11px;fill:#48515c}.trend .value{fill:#8b1a16;font-weight:600}.trend .label{font-size:12px;fill:#1d2329}
        """

    static let script = #"""
        "use strict";
        const data = JSON.parse(document.getElementById("data").textContent);
        const main = document.getElementById("main");
        const ns = "http://www.w3.org/2000/svg";
        function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; }
        function svgEl(tag, attributes, text) { const e = document.createElementNS(ns, tag); for (const k in attributes) e.setAttribute(k, String(attributes[k])); if (text !== undefined) e.textContent = String(text); return e; }
        function link(href, text) { const a = el("a", text); a.href = href; return a; }
        function row(cells, header) { const tr = el("tr"); for (const c of cells) { const td = el(header ? "th" : "td"); if (c instanceof Node) td.appendChild(c); else td.textContent = String(c); tr.appendChild(td); } return tr; }
        function table(head, rows) { const t = el("table"); t.appendChild(row(head, true)); for (const r of rows) t.appendChild(r); return t; }
        function section(title) { const s = el("section"); s.appendChild(el("h2", title)); main.appendChild(s); return s; }
        function status(s) { return el("span", s, "st st-" + s); }
        function severity(s) { return el("span", s, "sev-" + s); }
        function counts(c, muted) { const p = el("p", null, "counts"); for (const k of ["FAIL", "UNKNOWN", "MANUAL", "PASS"]) { p.appendChild(status(k)); p.appendChild(el("span", " " + c[k])); } if (muted) p.appendChild(el("span", "  MUTED " + muted, "MUTED")); return p; }
        function place(r) { return r.account + "/" + r.region; }
        // A history line is a scan, or a sharded run (runId set) shown as one scan.
        function name(s) { return s.runId === undefined ? "scan " + s.id : "run " + s.runId; }
        function page(s) { return s.runId === undefined ? "/scans/" + s.id : "/runs/" + encodeURIComponent(s.runId); }
        // Failures first, most severe first; then UNKNOWN, MANUAL, PASS.
        const statusRank = { FAIL: 0, UNKNOWN: 1, MANUAL: 2, PASS: 3 };
        const severityRank = { critical: 0, high: 1, medium: 2, low: 3, informational: 4 };
        function rank(table, key) { return key in table ? table[key] : 9; }
        function mostSevereFirst(a, b) {
          return rank(statusRank, a.status) - rank(statusRank, b.status) || rank(severityRank, a.severity) - rank(severityRank, b.severity)
            || String(a.checkId).localeCompare(String(b.checkId)) || String(a.resource.name).localeCompare(String(b.resource.name));
        }
        // FAIL findings per scan, oldest to newest, with both axes, their ticks and every value.
        function trend(scans) {
          const points = scans.slice().reverse().map(s => ({ id: s.id, value: s.counts.FAIL }));
          const left = 56, right = 24, top = 22, bottom = 44, width = Math.max(240, Math.min(720, points.length * 64)), height = 150;
          const max = Math.max(1, ...points.map(p => p.value));
          const x = i => left + (points.length === 1 ? width / 2 : i * width / (points.length - 1));
          const y = v => top + height - v * height / max;
          const svg = svgEl("svg", { width: left + width + right, height: top + height + bottom, role: "img", class: "trend", "data-values": points.map(p => p.value).join(",") });
          svg.appendChild(svgEl("title", {}, "FAIL findings per scan, oldest to newest"));
          svg.appendChild(svgEl("line", { x1: left, y1: top, x2: left, y2: top + height, class: "axis" }));
          svg.appendChild(svgEl("line", { x1: left, y1: top + height, x2: left + width, y2: top + height, class: "axis" }));
          for (const tick of [...new Set([0, Math.round(max / 2), max])]) {
            svg.appendChild(svgEl("line", { x1: left - 4, y1: y(tick), x2: left, y2: y(tick), class: "axis" }));
            svg.appendChild(svgEl("text", { x: left - 8, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, tick));
          }
          svg.appendChild(svgEl("text", { x: 14, y: top + height / 2, transform: "rotate(-90 14 " + (top + height / 2) + ")", "text-anchor": "middle", class: "label" }, "FAIL findings"));
          const every = Math.ceil(points.length / 12);
          points.forEach((p, i) => { if (i % every === 0 || i === points.length - 1) svg.appendChild(svgEl("text", { x: x(i), y: top + height + 16, "text-anchor": "middle", class: "tick" }, "scan " + p.id)); });
          svg.appendChild(svgEl("text", { x: left + width / 2, y: top + height + 36, "text-anchor": "middle", class: "label" }, "scans, oldest to newest"));
          svg.appendChild(svgEl("polyline", { points: points.map((p, i) => x(i) + "," + y(p.value)).join(" "), class: "line" }));
          points.forEach((p, i) => {
            svg.appendChild(svgEl("circle", { cx: x(i), cy: y(p.value), r: 3, class: "point" }));
            svg.appendChild(svgEl("text", { x: x(i), y: y(p.value) - 8, "text-anchor": "middle", class: "value" }, p.value));
          });
          return svg;
        }
        const views = {
          scans() {
            main.appendChild(el("h2", "Scans"));
            if (data.length === 0) { section("No scans yet").appendChild(el("p", "No scans yet: run 'rampart scan'.")); return; }
            const latest = section("Latest posture (" + name(data[0]) + ", " + data[0].scannedAt + ")");
            latest.appendChild(counts(data[0].counts, data[0].muted));
            latest.appendChild(link(page(data[0]), "Findings of " + name(data[0]) + ", failures first"));
            section("FAIL findings over time").appendChild(trend(data));
            const all = section("All scans");
            all.appendChild(table(["id", "scanned (UTC)", "source", "accounts", "FAIL", "UNKNOWN", "MANUAL", "PASS", "MUTED", ""],
              data.map((s, i) => row([link(page(s), s.runId === undefined ? s.id : "run:" + s.runId), s.scannedAt, s.source + (s.runId === undefined ? "" : " (" + s.shards + " shards)"), s.accounts.join(", "), el("span", s.counts.FAIL, s.counts.FAIL > 0 ? "st st-FAIL" : null),
                s.counts.UNKNOWN, s.counts.MANUAL, s.counts.PASS, s.muted || 0, i + 1 < data.length && s.runId === undefined && data[i + 1].runId === undefined ? link("/diff?old=" + data[i + 1].id + "&new=" + s.id, "changes") : ""]))));
            // The diff between any two scans.
            const form = el("form"); form.method = "get"; form.action = "/diff"; form.id = "compare";
            for (const [name, chosen] of [["old", Math.min(1, data.length - 1)], ["new", 0]]) {
              const choice = el("select"); choice.name = name;
              data.forEach((s, i) => { const o = el("option", "scan " + s.id + " (" + s.scannedAt + ")"); o.value = s.id; o.selected = i === chosen; choice.appendChild(o); });
              form.appendChild(el("label", name === "old" ? "Compare " : " with ")); form.appendChild(choice);
            }
            const go = el("button", "Show changes"); go.type = "submit"; form.appendChild(go);
            all.appendChild(form);
          },
          findings() {
            const base = data.run === undefined ? "/scans/" + data.scan : "/runs/" + encodeURIComponent(data.run);
            main.appendChild(el("h2", data.run === undefined ? "Scan " + data.scan : "Run " + data.run));
            const all = data.findings.slice().sort(mostSevereFirst);
            // Several accounts: each account's counts and score beside the organization's, and ?account=ID shows one.
            const accounts = [...new Set(all.map(f => f.resource.account))].sort();
            const account = new URLSearchParams(location.search).get("account");
            if (accounts.length > 1) {
              const tally = list => { const c = { FAIL: 0, UNKNOWN: 0, MANUAL: 0, PASS: 0 }; for (const f of list) if (!f.muted && f.status in c) c[f.status]++; return c; };
              const score = c => c.PASS + c.FAIL + c.UNKNOWN === 0 ? "n/a" : Math.round(100 * c.PASS / (c.PASS + c.FAIL + c.UNKNOWN)) + "%";
              const line = (label, list) => { const c = tally(list); return row([label, el("span", c.FAIL, c.FAIL > 0 ? "st st-FAIL" : null), c.UNKNOWN, c.MANUAL, c.PASS, score(c)]); };
              const per = section("Per account (" + accounts.length + " accounts)");
              per.appendChild(table(["account", "FAIL", "UNKNOWN", "MANUAL", "PASS", "score"],
                accounts.map(a => line(link(base + "?account=" + encodeURIComponent(a), a), all.filter(f => f.resource.account === a))).concat([line("organization (all accounts)", all)])));
              if (account !== null) { per.appendChild(el("p", "Showing account " + account + " only.")); per.appendChild(link(base, "all accounts")); }
            }
            const findings = account === null ? all : all.filter(f => f.resource.account === account);
            const failing = section("Failures by severity");
            const bySeverity = el("p", null, "counts");
            for (const s of Object.keys(severityRank)) { bySeverity.appendChild(severity(s)); bySeverity.appendChild(el("span", " " + findings.filter(f => f.status === "FAIL" && f.severity === s).length)); }
            failing.appendChild(bySeverity);
            const list = section("Findings (failures first, most severe first)");
            const filters = el("div", null, "filters");
            const pick = el("select"); for (const s of ["all", "FAIL", "UNKNOWN", "MANUAL", "PASS"]) { const o = el("option", s); o.value = s; pick.appendChild(o); }
            const search = el("input"); search.type = "search"; search.placeholder = "search";
            filters.appendChild(pick); filters.appendChild(search); list.appendChild(filters);
            const holder = el("div", null, "scroll"); list.appendChild(holder);
            // Drill-down: ?resource=ARN shows that resource's findings with their remediation.
            const resource = new URLSearchParams(location.search).get("resource");
            if (resource !== null) {
              list.insertBefore(el("h2", "Resource " + resource), filters);
              list.insertBefore(link(base, "all resources"), filters);
            }
            function draw() {
              const q = search.value.toLowerCase();
              const shown = findings.filter(f => (resource === null || f.resource.arn === resource) && (pick.value === "all" || f.status === pick.value) &&
                (q === "" || [f.checkId, f.title, f.message, f.resource.name, f.resource.arn].some(t => String(t).toLowerCase().includes(q))));
              holder.replaceChildren(el("p", shown.length + " of " + findings.length + " findings"),
                table(["status", "severity", "check", "resource", "where", "message"].concat(resource === null ? [] : ["remediation"]),
                  shown.map(f => row([f.muted ? status(f.status + " (muted: " + f.muted.rule + ")") : status(f.status), severity(f.severity), f.checkId, link(base + "?resource=" + encodeURIComponent(f.resource.arn), f.resource.name),
                    place(f.resource), f.message].concat(resource === null ? [] : [f.remediation])))));
            }
            pick.addEventListener("change", draw); search.addEventListener("input", draw); draw();
          },
          diff() {
            main.appendChild(el("h2", "Scan " + data.old.id + " to scan " + data.new.id));
            main.appendChild(el("p", "NEW " + data.summary.new + "   FIXED " + data.summary.fixed + "   CHANGED " + data.summary.changed + "   UNCHANGED " + data.summary.unchanged));
            const side = s => s ? s.status + "/" + s.severity + (s.muted ? " (muted)" : "") : "gone";
            const latest = e => Object.assign({ checkId: e.checkId, resource: e.resource }, e.after || e.before);
            for (const [name, list] of [["New", data.newFindings], ["Fixed", data.fixed], ["Changed", data.changed]]) {
              const part = section(name + " (" + list.length + ")");
              const sorted = list.slice().sort((a, b) => mostSevereFirst(latest(a), latest(b)));
              if (list.length) part.appendChild(table(["check", "resource", "where", "before", "after", "message"],
                sorted.map(e => row([e.checkId, e.resource.name, place(e.resource), side(e.before), side(e.after), (e.after || e.before).message]))));
            }
          },
        };
        views[document.body.dataset.view]();
        document.documentElement.dataset.rendered = "ok";
        """#
}
