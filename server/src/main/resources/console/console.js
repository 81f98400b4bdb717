// Herald console: htmx settings the pages rely on, and the overview's per-day chart.
(function () {
  'use strict';

  // Refused input (422), a refused change (409) and a missing object (404) come with a page
  // fragment saying why: show it in place instead of dropping it.
  document.addEventListener('htmx:beforeSwap', function (evt) {
    var status = evt.detail.xhr.status;
    if (status === 404 || status === 409 || status === 422) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  function drawChart() {
    var el = document.getElementById('daily-chart');
    if (!el || typeof echarts === 'undefined') {
      return;
    }
    var data = JSON.parse(el.getAttribute('data-series'));
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: data.days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Calls', type: 'bar', data: data.calls },
        { name: 'Answered', type: 'bar', data: data.answered },
        { name: 'Qualified', type: 'bar', data: data.qualified },
        { name: 'Meetings booked', type: 'line', data: data.meetings }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawChart);
  } else {
    drawChart();
  }
})();
