import RampartJSON

/// The dashboard's HTML: one self-contained page per view, its data inline as JSON (with `<`, `>`
/// and `&` escaped so no text can close the script element) and drawn by a small script that
/// writes untrusted text only through `textContent`. Nothing is fetched from the network.
enum Page {
    static func render(title: String, view: String, data: JSONValue) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>\(style)</style></head>
        <body data-view="\(escape(view))"><nav><a href="/">Scans</a> · <a href="/diff">Latest changes</a></nav><main id="main"></main>
        <script type="application/json" id="data">\(inlineJSON(data))</script>
        <script>\(script)</script>
        </body></html>
        """
    }

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

    static let style = """
        body{font:14px system-ui,sans-serif;margin:0 2em;color:#222}nav{padding:.8em 0;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
        .FAIL{color:#b00020;font-weight:600}.PASS{color:#1b7f3b}.UNKNOWN{color:#8a6d00}.MANUAL{color:#555}.counts span{margin-right:1.2em}
        input,select{margin-right:.6em}
        """

    static let script = #"""
        "use strict";
        const data = JSON.parse(document.getElementById("data").textContent);
        const main = document.getElementById("main");
        function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; }
        function link(href, text) { const a = el("a", text); a.href = href; return a; }
        function row(cells, header) { const tr = el("tr"); for (const c of cells) { const td = el(header ? "th" : "td"); if (c instanceof Node) td.appendChild(c); else td.textContent = String(c); tr.appendChild(td); } return tr; }
        function table(head, rows) { const t = el("table"); t.appendChild(row(head, true)); for (const r of rows) t.appendChild(r); return t; }
        function status(s) { return el("span", s, s); }
        function counts(c, muted) { const p = el("p", null, "counts"); for (const k of ["FAIL", "UNKNOWN", "MANUAL", "PASS"]) p.appendChild(el("span", k + " " + c[k], k)); if (muted) p.appendChild(el("span", "MUTED " + muted, "MUTED")); return p; }
        function place(r) { return r.account + "/" + r.region; }
        const views = {
          scans() {
            main.appendChild(el("h1", "Scans"));
            if (data.length === 0) { main.appendChild(el("p", "No scans yet: run 'rampart scan'.")); return; }
            main.appendChild(el("h2", "Latest posture (scan " + data[0].id + ", " + data[0].scannedAt + ")"));
            main.appendChild(counts(data[0].counts, data[0].muted));
            const series = data.slice().reverse().map(s => s.counts.FAIL);
            const max = Math.max(1, ...series), w = 600, h = 120, ns = "http://www.w3.org/2000/svg";
            const svg = document.createElementNS(ns, "svg"); svg.setAttribute("width", w); svg.setAttribute("height", h + 20); svg.setAttribute("role", "img");
            const title = document.createElementNS(ns, "title"); title.textContent = "FAIL findings per scan, oldest to newest"; svg.appendChild(title);
            const line = document.createElementNS(ns, "polyline");
            line.setAttribute("points", series.map((v, i) => (series.length === 1 ? w / 2 : i * w / (series.length - 1)) + "," + (h - v * h / max + 10)).join(" "));
            line.setAttribute("fill", "none"); line.setAttribute("stroke", "#b00020"); line.setAttribute("stroke-width", "2");
            svg.appendChild(line); main.appendChild(el("h2", "FAIL findings over time")); main.appendChild(svg);
            main.appendChild(table(["id", "scanned (UTC)", "source", "accounts", "FAIL", "UNKNOWN", "MANUAL", "PASS", "MUTED", ""],
              data.map((s, i) => row([link("/scans/" + s.id, s.id), s.scannedAt, s.source, s.accounts.join(", "), status(s.counts.FAIL),
                s.counts.UNKNOWN, s.counts.MANUAL, s.counts.PASS, s.muted || 0, i + 1 < data.length ? link("/diff?old=" + data[i + 1].id + "&new=" + s.id, "changes") : ""]))));
            // The diff between any two scans.
            const form = el("form"); form.method = "get"; form.action = "/diff"; form.id = "compare";
            for (const [name, chosen] of [["old", Math.min(1, data.length - 1)], ["new", 0]]) {
              const choice = el("select"); choice.name = name;
              data.forEach((s, i) => { const o = el("option", "scan " + s.id + " (" + s.scannedAt + ")"); o.value = s.id; o.selected = i === chosen; choice.appendChild(o); });
              form.appendChild(el("label", name === "old" ? "Compare " : " with ")); form.appendChild(choice);
            }
            const go = el("button", "Show changes"); go.type = "submit"; form.appendChild(go);
            main.appendChild(form);
          },
          findings() {
            main.appendChild(el("h1", "Scan " + data.scan));
            const pick = el("select"); for (const s of ["all", "FAIL", "UNKNOWN", "MANUAL", "PASS"]) { const o = el("option", s); o.value = s; pick.appendChild(o); }
            const search = el("input"); search.type = "search"; search.placeholder = "search";
            main.appendChild(pick); main.appendChild(search);
            const holder = el("div"); main.appendChild(holder);
            // Drill-down: ?resource=ARN shows that resource's findings with their remediation.
            const resource = new URLSearchParams(location.search).get("resource");
            if (resource !== null) {
              main.insertBefore(el("h2", "Resource " + resource), pick);
              main.insertBefore(link("/scans/" + data.scan, "all resources"), pick);
            }
            function draw() {
              const q = search.value.toLowerCase();
              const shown = data.findings.filter(f => (resource === null || f.resource.arn === resource) && (pick.value === "all" || f.status === pick.value) &&
                (q === "" || [f.checkId, f.title, f.message, f.resource.name, f.resource.arn].some(t => String(t).toLowerCase().includes(q))));
              holder.replaceChildren(el("p", shown.length + " of " + data.findings.length + " findings"),
                table(["status", "severity", "check", "resource", "where", "message"].concat(resource === null ? [] : ["remediation"]),
                  shown.map(f => row([f.muted ? status(f.status + " (muted: " + f.muted.rule + ")") : status(f.status), f.severity, f.checkId, link("/scans/" + data.scan + "?resource=" + encodeURIComponent(f.resource.arn), f.resource.name),
                    place(f.resource), f.message].concat(resource === null ? [] : [f.remediation])))));
            }
            pick.addEventListener("change", draw); search.addEventListener("input", draw); draw();
          },
          diff() {
            main.appendChild(el("h1", "Scan " + data.old.id + " to scan " + data.new.id));
            main.appendChild(el("p", "NEW " + data.summary.new + "   FIXED " + data.summary.fixed + "   CHANGED " + data.summary.changed + "   UNCHANGED " + data.summary.unchanged));
            const side = s => s ? s.status + "/" + s.severity + (s.muted ? " (muted)" : "") : "gone";
            for (const [name, list] of [["New", data.newFindings], ["Fixed", data.fixed], ["Changed", data.changed]]) {
              main.appendChild(el("h2", name + " (" + list.length + ")"));
              if (list.length) main.appendChild(table(["check", "resource", "where", "before", "after", "message"],
                list.map(e => row([e.checkId, e.resource.name, place(e.resource), side(e.before), side(e.after), (e.after || e.before).message]))));
            }
          },
        };
        views[document.body.dataset.view]();
        """#
}
