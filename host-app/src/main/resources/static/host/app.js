// Confirm dangerous actions: <form data-confirm="Delete this image?">
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Upload a plugin jar: <form data-upload="URL" data-done="PAGE"> with a file input, the _csrf field and an element
// with data-upload-result for the outcome. The jar is the request body; the CSRF token goes in its header.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var url = form.getAttribute('data-upload');
  if (!url) {
    return;
  }
  event.preventDefault();
  var input = form.querySelector('input[type=file]');
  var result = form.querySelector('[data-upload-result]');
  var file = input && input.files[0];
  if (!file) {
    return;
  }
  result.textContent = 'Uploading ' + file.name + '…';
  fetch(url, {
    method: 'POST',
    body: file,
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/java-archive', 'X-CSRF-Token': form.querySelector('input[name=_csrf]').value}
  }).then(function (response) {
    return response.json().then(function (body) {
      if (response.ok) {
        window.location.assign(form.getAttribute('data-done'));
      } else {
        result.textContent = body.message || 'The upload was refused.';
      }
    });
  }).catch(function () {
    result.textContent = 'The upload failed: the server could not be reached.';
  });
});
