// Readies the browser's formatting data off the main thread (loadNumberFormat in catalogue.js).
// The first Intl use in a page loads ICU's locale data, 30-75 ms on a small machine, and that
// data is shared by every thread of the page's process: loaded here, the main thread's first
// toLocaleString (the form's numbers in en-US, Chart.js's axis labels in the reader's locale, a
// lesson's "from your last run" date) takes a fraction of a millisecond, not a long task.
new Intl.NumberFormat('en-US').format(1234.5);
new Intl.NumberFormat().format(1234.5);
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(0);
new Date(0).toLocaleString();
self.postMessage('ready');
