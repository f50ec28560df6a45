#!/usr/bin/env node
import { main } from './main.ts';
import { quietKafkajsTimeoutWarning } from './quiet-kafkajs.ts';

quietKafkajsTimeoutWarning();
process.exitCode = await main(process.argv.slice(2), process.env);
