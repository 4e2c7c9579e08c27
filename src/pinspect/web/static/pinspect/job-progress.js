// Updates a background job's progress bar from its JSON twin, and reloads the page once the
// job has finished (to offer the download or say why it failed). Without JavaScript the page
// refreshes itself instead.
(function () {
  var job = document.getElementById('job');
  if (!job || job.getAttribute('data-state') === null) { return; }
  var finished = ['done', 'failed', 'stopped', 'outdated', 'none'];
  if (finished.indexOf(job.getAttribute('data-state')) !== -1) { return; }
  var url = job.getAttribute('data-progress-url');
  var every = 1000;
  function show(state) {
    var bar = document.getElementById('job-progress');
    if (bar) { bar.value = state.progress; bar.textContent = state.progress + '%'; }
    var percent = document.getElementById('job-percent');
    if (percent) { percent.textContent = state.progress + '% done'; }
    var step = document.getElementById('job-step');
    if (step && state.step) { step.textContent = state.step; }
    var words = document.getElementById('job-words');
    if (words) { words.textContent = state.words; }
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (state.finished) { window.location.reload(); } else { window.setTimeout(poll, every); }
      })
      .catch(function () { window.setTimeout(poll, every * 3); });
  }
  window.setTimeout(poll, every);
})();
