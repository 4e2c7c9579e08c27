// Marks the page as having JavaScript before it is drawn (GOV.UK Frontend's body classes).
// A file, not an inline script, so the Content-Security-Policy needs no exception.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
