/// The site's one stylesheet, served from `SitePath.stylesheet`.
///
/// Kept in the binary rather than in a folder beside it: `dondoc serve` then works from any
/// working directory, and a page and its styles cannot come from two different releases.
/// Narrow screens (a phone, when a unit reports) turn each table row into a card labelled by
/// its `data-label` cells; print drops the menu and the forms.
public enum Stylesheet {
    public static let css = """
        :root { --ink: #1b1f24; --muted: #5b6470; --line: #d6dbe1; --accent: #0b5cad; --bad: #b3261e; --good: #1e7b34; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); }
        header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem;
          background: #0b3d6e; color: #fff; }
        header.site a { color: #fff; text-decoration: none; }
        header.site a[aria-current] { text-decoration: underline; }
        .brand { font-weight: 700; font-size: 1.2rem; }
        header nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
        .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; font-size: .9rem; }
        .who .role { opacity: .8; }
        button.link { background: none; border: 0; color: #fff; text-decoration: underline; cursor: pointer; font: inherit; padding: 0; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        .muted, .source { color: var(--muted); font-size: .9rem; }
        .empty { color: var(--muted); font-style: italic; }
        .flash { padding: .6rem .8rem; border-radius: 4px; margin: 0 0 1rem; }
        .flash-success { background: #e6f4ea; color: var(--good); }
        .flash-error { background: #fce8e6; color: var(--bad); }
        .badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: 3px; background: #fff4ce; margin-right: .3rem; }
        .badge.urgent { background: var(--bad); color: #fff; }
        table { width: 100%; border-collapse: collapse; }
        th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--line); }
        th { font-size: .85rem; color: var(--muted); }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.overdue td:first-child { border-left: 4px solid var(--bad); }
        td.overdue, .status-overdue { color: var(--bad); }
        .status-done_on_time { color: var(--good); }
        tr.total td { font-weight: 700; }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin-bottom: 1rem; }
        label { display: flex; flex-direction: column; gap: .2rem; font-size: .9rem; margin-bottom: .5rem; }
        input, select, textarea, button { font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
        button, a.button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer;
          padding: .45rem .9rem; border-radius: 4px; text-decoration: none; display: inline-block; }
        form.inline { display: inline; }
        nav.pager { display: flex; gap: 1.5rem; margin: 1rem 0; }
        .actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
        form.action { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
        form.action h3 { margin: 0 0 .5rem; font-size: 1rem; }
        dl.facts { display: grid; grid-template-columns: 10rem 1fr; gap: .3rem 1rem; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        ol.history { list-style: none; padding: 0; }
        ol.history li { border-left: 3px solid var(--line); padding: .3rem .8rem; margin-bottom: .6rem; }
        ol.history time { color: var(--muted); font-size: .85rem; margin-right: .6rem; }
        .review { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
        .review .source { position: sticky; top: 0; max-height: 100vh; overflow: auto; font-size: .9rem; }
        ol.lines { padding-left: 3rem; }
        ol.lines li.task-source { background: #fff4ce; }
        ol.lines li:target { outline: 2px solid var(--accent); }
        .task-card { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; margin-bottom: 1rem; }
        .task-card h3 { margin: 0 0 .3rem; font-size: 1rem; }
        form.small { margin: .5rem 0; }
        form.publish { margin: 0 0 1rem; }
        select[multiple] { min-height: 6rem; }
        .signin { max-width: 24rem; margin: 3rem auto; }
        .signin form { display: flex; flex-direction: column; }
        @media (max-width: 40rem) {
          table.tasks thead, table.notices thead { display: none; }
          table.tasks tr, table.notices tr { display: block; border: 1px solid var(--line); border-radius: 6px; margin-bottom: .75rem; }
          table.tasks td, table.notices td { display: block; border: 0; }
          table.tasks td::before, table.notices td::before { content: attr(data-label); display: block; font-size: .8rem; color: var(--muted); }
          dl.facts { grid-template-columns: 1fr; }
          .review { grid-template-columns: 1fr; }
          .review .source { position: static; max-height: 40vh; }
          .who { margin-left: 0; }
        }
        @media print {
          header.site, form, .actions, .crumbs { display: none; }
          main { max-width: none; padding: 0; }
          body { font-size: 12pt; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
