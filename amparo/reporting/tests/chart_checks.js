// Every svg.chart on the page, checked the way a reader would see it: run by
// test_charts_browser.py in English and Spanish. Returns {charts, problems}.
() => {
  const NUMBER = /^-?\d+(\.\d+)?$/;
  const NUMERIC = new Set([
    "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy",
    "width", "height", "stroke-width", "font-size", "opacity", "fill-opacity",
  ]);
  const PATH_ARITY = { M: 2, L: 2, H: 1, V: 1, Z: 0 };
  const TOLERANCE = 4; // viewBox units a label may stick out of the box
  const SMALLEST_FONT = 8.5; // CSS pixels, as drawn
  const problems = [];
  const viewport = document.documentElement.clientWidth;

  const pathProblem = (d) => {
    for (const token of d.trim().split(/(?=[A-Za-z])/)) {
      const arity = PATH_ARITY[token[0].toUpperCase()];
      if (arity === undefined) continue;
      const rest = token.slice(1).trim();
      const parts = rest === "" ? [] : rest.split(/[\s,]+/);
      if (parts.length !== arity || !parts.every((p) => NUMBER.test(p))) return token;
    }
    return null;
  };

  const attributeProblem = (name, value) => {
    if (NUMERIC.has(name)) return NUMBER.test(value) || /^\d+(\.\d+)?%$/.test(value) ? null : value;
    if (name === "viewBox") return /^(-?\d+(\.\d+)? ){3}-?\d+(\.\d+)?$/.test(value) ? null : value;
    if (name === "points") {
      const ok = value.trim().split(/\s+/).every((pair) => /^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(pair));
      return ok ? null : value;
    }
    if (name === "d") return pathProblem(value);
    if (name.startsWith("aria-")) return null; // words, in the reader's language
    return /\d,\d/.test(value) ? value : null;
  };

  const shownNonzero = (text) => !text.includes("[c]") && /[1-9]/.test(text);

  const charts = Array.from(document.querySelectorAll("svg.chart"));
  charts.forEach((svg, index) => {
    const title = svg.querySelector("title");
    const name = `chart ${index + 1} (${svg.dataset.chart || svg.id || "svg"}: ${title ? title.textContent.trim().slice(0, 40) : ""})`;
    const report = (what) => problems.push(`${name}: ${what}`);

    const box = svg.getBoundingClientRect();
    if (box.width < 200 || box.height < 20) report(`drawn too small, ${box.width}×${box.height}px`);
    if (box.right > viewport + 1) report(`runs off the screen: right edge ${box.right}px > ${viewport}px`);
    if (!svg.getAttribute("viewBox")) report("has no viewBox, so it cannot scale");
    const vb = svg.viewBox.baseVal;
    const scale = vb && vb.width ? box.width / vb.width : 1;

    for (const element of [svg, ...svg.querySelectorAll("*")]) {
      for (const attribute of element.attributes) {
        const bad = attributeProblem(attribute.name, attribute.value);
        if (bad !== null) report(`<${element.tagName} ${attribute.name}="${attribute.value}"> (${bad})`);
      }
    }

    svg.querySelectorAll("rect.bar").forEach((bar) => {
      const b = bar.getBBox();
      if (!(b.width > 0 && b.height > 0)) report(`a bar has no width: ${bar.outerHTML.slice(0, 120)}`);
    });
    // A group that shows values (a bar row, a breakdown's group) draws a bar for each nonzero one.
    const groups = new Set(Array.from(svg.querySelectorAll("text.value")).map((t) => t.parentElement));
    groups.forEach((group) => {
      if (!group.querySelector("rect")) return; // values without bars (a dumbbell's [c])
      const values = Array.from(group.querySelectorAll(":scope > text.value")).map((t) => t.textContent);
      const wanted = values.filter(shownNonzero).length;
      const bars = Array.from(group.querySelectorAll(":scope > rect.bar")).filter((r) => r.getBBox().width > 0);
      if (bars.length !== wanted) report(`values ${JSON.stringify(values)} but ${bars.length} bars with a width`);
    });
    svg.querySelectorAll("path, polyline").forEach((line) => {
      const b = line.getBBox();
      if (!(b.width > 0)) report(`a ${line.tagName} has an empty box: ${line.outerHTML.slice(0, 120)}`);
    });
    svg.querySelectorAll("circle").forEach((dot) => {
      if (!(dot.getBBox().width > 0)) report("a circle has no size");
    });

    const texts = Array.from(svg.querySelectorAll("text")).filter((t) => t.textContent.trim());
    if (!texts.length) report("has no text at all");
    if (svg.querySelector("line") && texts.length < 2) report("has axes or lines but fewer than 2 labels");
    svg.querySelectorAll("text.tick").forEach((t) => {
      if (!t.textContent.trim()) report("an axis tick has no label");
    });
    for (const text of texts) {
      const b = text.getBBox();
      const words = JSON.stringify(text.textContent.trim());
      if (
        b.x < vb.x - TOLERANCE || b.y < vb.y - TOLERANCE ||
        b.x + b.width > vb.x + vb.width + TOLERANCE || b.y + b.height > vb.y + vb.height + TOLERANCE
      ) {
        report(`text ${words} leaves the box: [${b.x}, ${b.y}, ${b.width}, ${b.height}] in ${svg.getAttribute("viewBox")}`);
      }
      const drawn = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (drawn < SMALLEST_FONT) report(`text ${words} is drawn at ${drawn.toFixed(1)}px`);
    }
    // Tick labels on one line never run into each other.
    const rows = new Map();
    svg.querySelectorAll("text.tick").forEach((t) => {
      const key = t.getAttribute("y");
      rows.set(key, [...(rows.get(key) || []), t.getBBox()]);
    });
    rows.forEach((boxes) => {
      boxes.sort((a, b) => a.x - b.x);
      for (let i = 1; i < boxes.length; i++) {
        if (boxes[i - 1].x + boxes[i - 1].width > boxes[i].x + 1) report(`tick labels overlap at y=${boxes[i].y}`);
      }
    });
  });

  // Anywhere on the page: a number in a style, a meter or a data attribute is never localised.
  document.querySelectorAll("[style], meter, progress, [viewBox]").forEach((element) => {
    for (const attribute of element.attributes) {
      if (["style", "value", "min", "max", "low", "high", "optimum", "viewBox"].includes(attribute.name) && /\d,\d/.test(attribute.value)) {
        problems.push(`<${element.tagName} ${attribute.name}="${attribute.value}">`);
      }
    }
  });
  document.querySelectorAll("*").forEach((element) => {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("data-") && /^-?\d+,\d+$/.test(attribute.value)) {
        problems.push(`<${element.tagName} ${attribute.name}="${attribute.value}">`);
      }
    }
  });
  return { charts: charts.length, problems };
}
