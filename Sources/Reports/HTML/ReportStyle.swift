/// The report page's stylesheet, inlined so the page needs nothing else. System fonts only
/// (CJK fonts named first where the system has them); print rules keep tables and maps whole.
enum ReportStyle {
    static let css = """
        :root { --ink: #1d1d1f; --muted: #5f6368; --line: #d0d0d0; --pass: #1e7b34; --fail: #b3261e; --na: #6e6e6e; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
          font: 15px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
            "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 17px; margin: 0 0 8px; }
        h4 { font-size: 15px; margin: 18px 0 6px; color: var(--muted); }
        a { color: #0b57d0; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; background: #f3f3f3;
          padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
        .data-warning { border: 3px solid var(--fail); background: #fde3e1; color: var(--fail); font-weight: 700;
          font-size: 17px; padding: 10px 14px; border-radius: 6px; margin: 0 0 16px; }
        header.report-header { border-bottom: 3px solid var(--ink); padding-bottom: 14px; }
        .kind { color: var(--muted); margin: 0; letter-spacing: .05em; }
        .meta { color: var(--muted); margin: 2px 0 12px; }
        .verdict { display: inline-block; font-size: 18px; font-weight: 700; padding: 6px 14px; border-radius: 6px;
          border: 2px solid currentColor; margin: 0 12px 6px 0; }
        .verdict-passed { color: var(--pass); }
        .verdict-failed { color: var(--fail); }
        .verdict-incomplete { color: var(--na); }
        .counts { display: inline-flex; gap: 10px; flex-wrap: wrap; vertical-align: middle; }
        .count { padding: 3px 10px; border-radius: 12px; background: #f1f1f1; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
        th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: #f4f5f7; font-weight: 600; }
        table.figures th { width: 11em; }
        td.measured, td.target, td.shortfall, td.supply { white-space: nowrap; }
        table.summary td.shortfall, table.figures td { white-space: normal; }
        tr.more td { color: var(--muted); font-style: italic; }
        td.status, .badge, .count { font-weight: 600; }
        td.status-passed, .badge.status-passed, .count.status-passed { color: var(--pass); }
        td.status-failed, .badge.status-failed, .count.status-failed { color: var(--fail); }
        td.status-not_evaluable, td.status-no_data, .badge.status-not_evaluable, .count.status-not_evaluable {
          color: var(--na); }
        section.rule { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px;
          padding: 14px 18px; margin: 18px 0; }
        section.rule.status-passed { border-left-color: var(--pass); }
        section.rule.status-failed { border-left-color: var(--fail); }
        section.rule.status-not_evaluable { border-left-color: var(--na); }
        section.rule h3 .badge { margin-right: 8px; }
        .rule-id { margin: 0 0 8px; color: var(--muted); }
        figure { margin: 12px 0; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        svg.map { max-width: 100%; height: auto; display: block; border-radius: 4px; }
        svg.map text { font-size: 11px; fill: #222; }
        svg.map .unit-label { font-size: 10px; text-anchor: middle; paint-order: stroke; stroke: #fff;
          stroke-width: 3px; stroke-linejoin: round; }
        ol.citations { padding-left: 1.4em; margin: 4px 0; }
        li.citation { margin-bottom: 8px; }
        li.citation cite { font-style: normal; font-weight: 600; }
        li.citation blockquote { margin: 4px 0; padding: 4px 10px; border-left: 3px solid var(--line);
          color: #333; background: #fafafa; }
        .confidence { font-size: 13px; padding: 1px 6px; border-radius: 4px; background: #eef3ee; }
        .confidence-secondary .confidence { background: #fff4d6; }
        .confidence-unverified .confidence { background: #fde3e1; }
        p.note { background: #f7f7fa; padding: 6px 10px; border-radius: 4px; }
        p.back { margin: 8px 0 0; font-size: 13px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line);
          padding-top: 8px; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          a { color: inherit; text-decoration: none; }
          p.back { display: none; }
          h2 { break-after: avoid; }
          section.rule { break-inside: auto; border-left-width: 4px; }
          table, figure, tr, li.citation { break-inside: avoid; }
          th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          svg.map { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          @page { size: A4; margin: 16mm 14mm; }
        }
        """
}
