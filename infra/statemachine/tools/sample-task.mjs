// Fake Lambda for sample.asl.json: reads the Task input on stdin, prints the result on stdout.
// Errors: exit non-zero with {"errorType": ..., "errorMessage": ...} on stderr.
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const state = process.env.RUN_ASL_STATE;
const attempt = Number(process.env.RUN_ASL_INVOCATION);
const fail = (errorType, errorMessage) => {
  process.stderr.write(JSON.stringify({ errorType, errorMessage }) + '\n');
  process.exit(1);
};
const out = (v) => process.stdout.write(JSON.stringify(v) + '\n');

switch (state) {
  case 'CallStep': out({ StatusCode: 200, Payload: { count: input.Payload.count + 1 } }); break;
  case 'Flaky': if (attempt <= 2) fail('Custom.Transient', `attempt ${attempt}`); out({ attempts: attempt }); break;
  case 'Risky': fail('Custom.Fatal', 'cannot do it');
  case 'PerItem': out({ item: input, doubled: input * 2 }); break;
  // waitForTaskToken: the override returns what SendTaskSuccess would send.
  case 'WaitForApproval': out({ approved: input.Payload.ticket !== 'T-reject', token: input.Payload.taskToken }); break;
  default: fail('Unexpected', `no fake for ${state}`);
}
