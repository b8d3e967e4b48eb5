import { startDbCommandBench } from './db-commands';

// `npm run bench -w @promesse/api`: database commands per `jobPromises` request (company, schools and
// applicationCount selected), counted with the driver's command monitoring over real HTTP. The count must not
// depend on the page size (DataLoader batching) and stay <= 5.

const MAX_COMMANDS = 5;

async function main(): Promise<void> {
  const bench = await startDbCommandBench({ promises: 60 });
  let ok = true;
  try {
    for (const who of ['admin', 'student'] as const) {
      const counts = [];
      for (const first of [10, 50]) {
        const c = await bench.measure(first, who, 9);
        counts.push(c);
        console.log(
          `jobPromises(first: ${String(first).padStart(2)}) as ${who.padEnd(7)}: ${c.returned} promises, ${c.commands} database commands ` +
            `(${c.detail.join(', ')}), median ${c.ms.toFixed(1)} ms over 9 requests`,
        );
      }
      const [ten, fifty] = counts;
      const pass = ten!.commands === fifty!.commands && fifty!.commands <= MAX_COMMANDS;
      console.log(`  ${pass ? 'OK' : 'FAIL'}: ${ten!.commands} == ${fifty!.commands} and <= ${MAX_COMMANDS}`);
      ok &&= pass;
    }
  } finally {
    await bench.close();
  }
  if (!ok) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
