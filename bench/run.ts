import { benchIntake } from './intake.ts';

/** Runs every benchmark on the local stack and prints its figures. */
const lines = await benchIntake();
console.log('\n# Benchmarks (local stack, loopback)');
for (const line of lines) console.log(`- ${line}`);
process.exit(0);
