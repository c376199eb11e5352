// The dashboard's charts (Chart.js, served by the desk itself). The tables beside them hold the
// same figures for screen readers and for copying.
(function () {
  "use strict";

  function bar(id, labels, values, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: [{ data: values, backgroundColor: "#0b4f6c" }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
  }

  fetch("/dashboard.json", { credentials: "same-origin" }).then(function (reply) {
    return reply.json();
  }).then(function (figures) {
    var perDay = figures.conversations_per_day, outcomes = figures.outcomes, weeks = figures.red_flags_per_week;
    bar("chart-per-day", Object.keys(perDay), Object.values(perDay), false);
    bar("chart-outcomes", Object.keys(outcomes), Object.values(outcomes), true);
    bar("chart-passages", figures.top_passages.map(function (p) { return p[0].split("/").pop(); }),
        figures.top_passages.map(function (p) { return p[1]; }), true);
    bar("chart-red-flags", Object.keys(weeks), Object.values(weeks), false);
    bar("chart-bookings", Object.keys(figures.booking_clicks_per_day), Object.values(figures.booking_clicks_per_day), false);
    document.body.setAttribute("data-charts", "ready");
  });
})();
