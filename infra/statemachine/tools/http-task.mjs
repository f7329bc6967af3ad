// A Task command for run-asl.mjs that hands the Task to an HTTP endpoint, e.g. a test's stand-in for Lambda:
//   node http-task.mjs URL
// POSTs the Task's effective input (stdin) to URL as JSON. A 2xx answer is the Task's result (its body goes to
// stdout). Any other answer raises the error its body describes: the body, normally {"errorType","errorMessage"}
// as Lambda reports a function error, goes to stderr and the command exits 1, so Retry/Catch match errorType.
// If the endpoint cannot be reached, the command exits 2 with a plain message (the Task then fails with
// Runtime.ExitError): a broken test set-up must not look like a Lambda fault that Retry would hide.
import { readFileSync } from 'node:fs';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node http-task.mjs URL  (the Task input on stdin)\n');
  process.exit(2);
}
const input = readFileSync(0, 'utf8');
let response;
try {
  response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: input });
} catch (e) {
  process.stderr.write(`http-task: cannot POST to ${url}: ${e.cause?.message ?? e.message}\n`);
  process.exit(2);
}
const body = await response.text();
if (response.ok) {
  process.stdout.write(body);
} else {
  process.stderr.write(body.trim() + '\n');
  process.exitCode = 1;
}
