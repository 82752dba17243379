// CSV built in the page from rows already fetched, and handed to the browser as a download.

/**
 * One cell, RFC 4180 quoted when needed. A cell a spreadsheet would read as a formula (starting
 * with = + - @, or a tab or carriage return that some strip first) gets a leading ' so it stays
 * text: a model or route name is partly chosen by callers (OWASP "CSV injection").
 */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line of `fields` and one line per row of its values, CRLF-terminated. */
export function toCsv(fields, rows) {
  return [fields, ...rows.map(r => fields.map(f => r[f]))]
    .map(cells => cells.map(csvCell).join(',') + '\r\n').join('');
}

/** Saves `text` as a file named `filename` through a Blob URL (no request leaves the page). */
export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
