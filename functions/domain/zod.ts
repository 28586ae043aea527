import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The one zod every schema is built with: zod/mini, the tree-shakable functional API. Its schemas
 * cost a fraction of classic zod's to construct and bundle (classic zod's were 20–40 ms of every cold
 * start). English messages are configured here, as classic zod does by default, so import from here:
 * `import * as z from './zod.ts'` (a namespace import, so that bundles keep only what they use).
 */
config(en());

export * from 'zod/mini';
