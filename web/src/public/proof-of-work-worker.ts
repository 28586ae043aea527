// One solver thread: altcha-lib's worker loop with the Web Crypto SHA-256 (its default worker uses
// node:crypto, which browsers lack).
import { handler } from 'altcha-lib/workers/shared';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

handler({ deriveKey });
