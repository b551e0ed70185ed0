// The script of report.html that draws its charts to the width of the page: the same specs as the .vl.json files,
// adapted in the browser to the space each chart has, and drawn again when that space changes.

/*
 * Why it is done in the page and not in the specs: the SVG and PNG files keep the fixed size their specs give, and
 * the page fits each chart to its figure, whatever the screen. Vega-Lite sizes a single view to its container
 * (`width: "container"`), but not a facet or a concatenation, so those are measured and drawn again:
 *
 *  - A single view (one plot, or layers of it) takes `width: "container"`; vega follows the window from then on.
 *  - A facet or concatenation wraps its panels into as many columns as fit (a facet in one row becomes a wrapped
 *    facet), then has every view width multiplied by the factor that makes the whole fit: its width is close to
 *    linear in that factor (axes, legends and spacing stay), so a few headless layouts find the factor (`fitted`);
 *    one drawn wider than its room all the same is drawn again a little narrower, and one that cannot be made
 *    narrow enough (panels as small as they go, their axis titles wider still) is drawn at its own size and scaled
 *    down as a picture.
 *  - A chart with marks placed in pixels (an encoding with `scale: null`, such as labels placed where they do not
 *    overlap) keeps its layout: scaled as a picture to its room, down as far as needed, up to MAX_PICTURE times.
 *  - Below NARROW px, legends go under the plot and long axis labels are cut shorter, so the plot keeps its width;
 *    the export menu is left out (the files are linked under each chart).
 *  - The title is the figure's heading in HTML (it wraps, where a vega title cannot), so the copy drawn has none.
 *
 * Each chart container gets `data-width`, the width it was drawn for, once drawn (the browser test waits for it).
 */

/** Below this width (px) of a chart's figure, the narrow layout. */
export const NARROW = 600;

/** The script, to run after vega, vega-lite and vega-embed are loaded; reads the specs from #chart-specs. */
export function embedScript(options: { i18n: Record<string, string>; chartFailed: string }): string {
  return `
(function () {
  var NARROW = ${NARROW};
  // Width a facet panel needs with its axis, px: the columns of a wrapped facet are as many as fit.
  var PANEL = 300;
  // Bounds of the factor on a composite chart's view widths.
  var MIN_SCALE = 0.2, MAX_SCALE = 3;
  // A chart placed in pixels is scaled as a picture, up to this many times its size where there is room.
  var MAX_PICTURE = 1.25;
  // Room kept free beside a chart, px (rounding of text widths between the headless layout and the page).
  var SLACK = 4;
  var I18N = ${JSON.stringify(options.i18n)};
  var FAILED = ${JSON.stringify(options.chartFailed)};
  var charts = JSON.parse(document.getElementById('chart-specs').textContent);
  var drawn = {};

  function copy(x) { return JSON.parse(JSON.stringify(x)); }
  function isObject(x) { return x !== null && typeof x === 'object' && !Array.isArray(x); }
  // Every view of a spec: the top level, a facet's inner spec, concatenated and layered views.
  function eachView(node, visit) {
    if (!isObject(node)) return;
    visit(node);
    if (isObject(node.spec)) eachView(node.spec, visit);
    ['layer', 'vconcat', 'hconcat', 'concat'].forEach(function (key) {
      (node[key] || []).forEach(function (child) { eachView(child, visit); });
    });
  }
  // Every object of a spec but its data.
  function eachObject(node, visit) {
    if (Array.isArray(node)) node.forEach(function (x) { eachObject(x, visit); });
    else if (isObject(node)) {
      visit(node);
      Object.keys(node).forEach(function (key) { if (key !== 'data' && key !== 'datasets') eachObject(node[key], visit); });
    }
  }
  function composite(spec) { return ['facet', 'repeat', 'vconcat', 'hconcat', 'concat'].some(function (key) { return key in spec; }); }
  function pixelPlaced(spec) {
    var found = false;
    eachObject(spec, function (o) { if (o.scale === null && 'field' in o) found = true; });
    return found;
  }
  function distinct(values, field) {
    var seen = {};
    (values || []).forEach(function (row) { seen[String(row[field])] = true; });
    return Object.keys(seen).length;
  }

  // The spec to draw in \`width\` px, before its views are sized.
  function adapt(spec, width) {
    var s = copy(spec);
    delete s.title;
    s.config = s.config || {};
    var columns = Math.max(1, Math.floor(width / PANEL));
    eachView(s, function (view) {
      var facet = view.facet;
      if (isObject(facet) && isObject(facet.column) && !facet.row) {
        var values = view.data && view.data.values;
        var count = values ? distinct(values, facet.column.field) : Infinity;
        if (count > columns) {
          view.facet = facet.column;
          view.columns = columns;
        }
      } else if (typeof view.columns === 'number') view.columns = Math.max(1, Math.min(view.columns, columns));
    });
    if (width < NARROW) {
      var limit = Math.max(60, Math.round(width * 0.3));
      var legend = { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: Math.round(width / 2 - 40), titleLimit: width - 20 };
      s.config.legend = Object.assign({}, s.config.legend, legend);
      s.config.axis = Object.assign({}, s.config.axis, { labelLimit: limit });
      s.config.axisX = Object.assign({}, s.config.axisX, { titleLimit: Math.round(width * 0.6) });
      s.config.header = Object.assign({}, s.config.header, { labelLimit: width - 20 });
      eachObject(s, function (o) {
        if (isObject(o.legend)) {
          o.legend.orient = 'bottom';
          o.legend.direction = 'horizontal';
          if (typeof o.legend.labelLimit === 'number') o.legend.labelLimit = legend.labelLimit;
        }
        if (isObject(o.axis) && typeof o.axis.labelLimit === 'number' && o.axis.labelLimit > limit) o.axis.labelLimit = limit;
      });
    }
    return s;
  }

  // A copy with every view width multiplied by \`factor\`.
  function scaled(spec, factor) {
    var s = copy(spec);
    eachView(s, function (view) { if (typeof view.width === 'number') view.width = Math.max(30, Math.round(view.width * factor)); });
    return s;
  }

  // The width of a spec as drawn (px), from a headless layout.
  function measure(spec) {
    var view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
    return view.toSVG().then(function (svg) {
      view.finalize();
      var m = /width="([0-9.]+)"/.exec(svg);
      return m ? Number(m[1]) : 0;
    });
  }

  // A composite spec whose width comes close to \`width\` without passing it. Its width grows about linearly with the
  // factor on its view widths, but not quite (an axis title wider than a small panel widens it): secant steps from the
  // size it has, three or four headless layouts, and the largest factor that fitted.
  function fitted(spec, width) {
    var tried = [];
    if (!(width > 0)) return Promise.resolve({ spec: spec, fits: false });
    function clamp(f) { return Math.min(MAX_SCALE, Math.max(MIN_SCALE, f)); }
    function at(f) {
      return measure(scaled(spec, f)).then(function (w) {
        tried.push([f, w]);
        return w;
      });
    }
    function secant() {
      var a = tried[tried.length - 2], b = tried[tried.length - 1];
      return b[1] === a[1] ? b[0] : clamp(b[0] + ((width - b[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
    return at(1)
      .then(function (w) { return at(w > width ? 0.7 : 1.4); })
      .then(function () { return at(secant()); })
      .then(function (w) { if (w > width || w < width - 4 * SLACK) return at(secant()); })
      .then(function () {
        var fits = tried.filter(function (t) { return t[1] <= width; }).sort(function (x, y) { return y[0] - x[0]; });
        if (fits.length) return { spec: scaled(spec, fits[0][0]), fits: true };
        return { spec: spec, fits: false };
      });
  }

  function room(el) { return Math.floor(el.parentNode.getBoundingClientRect().width); }

  function draw(chart, attempt) {
    var el = document.getElementById('chart-' + chart.id);
    var width = room(el);
    drawn[chart.id] = width;
    el.removeAttribute('data-width');
    var target = width - SLACK - (attempt || 0) * 2 * SLACK;
    var spec = adapt(chart.spec, target);
    var fixed = pixelPlaced(chart.spec);
    var ready;
    if (fixed || !composite(spec)) {
      if (!fixed) spec.width = 'container';
      ready = Promise.resolve({ spec: spec, fits: !fixed });
    } else ready = fitted(spec, target);
    var options = {
      renderer: 'svg',
      actions: width < NARROW ? false : { export: true, source: false, compiled: false, editor: false },
      i18n: I18N,
    };
    return ready
      .then(function (ready) {
        if (drawn[chart.id] !== width) return;
        if (el.vegaResult) el.vegaResult.finalize();
        return vegaEmbed(el, ready.spec, options).then(function (result) {
          el.vegaResult = result;
          var svg = el.querySelector('svg');
          var natural = svg ? Number(svg.getAttribute('width')) : 0;
          if (natural > target && ready.fits && composite(ready.spec) && !attempt) return draw(chart, 1);
          // Placed in pixels, or wider than its room whatever its views' size: a picture of it, fitted.
          if (natural > 0 && (fixed || natural > width)) {
            svg.style.width = Math.min(target, natural * (fixed ? MAX_PICTURE : 1)) + 'px';
            svg.style.height = 'auto';
          }
          el.setAttribute('data-width', String(width));
        });
      })
      .catch(function (error) {
        console.error('chart ' + chart.id + ': ' + error);
        el.innerHTML = '<p class="failed"></p>';
        el.firstChild.textContent = FAILED + error;
        el.setAttribute('data-width', String(width));
      });
  }

  charts.forEach(function (chart) { draw(chart); });
  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (chart) {
        var el = document.getElementById('chart-' + chart.id);
        if (el && Math.abs(room(el) - drawn[chart.id]) > 8) draw(chart);
      });
    }, 150);
  });
})();`;
}
