import { fileTypeFromBuffer } from 'file-type';
import type { FileSignatureDetector } from '../app/ports.ts';

/**
 * How many leading bytes are read to recognise a file: file-type's own recommendation (4100) covers the
 * images, PDF, audio, video and CFB signatures; OOXML files are recognised as zip archives from their
 * first bytes (domain/evidence.ts accepts that), so a larger read buys nothing.
 */
export const SIGNATURE_BYTES = 4100;

/** file-type (maintained, pure JavaScript) names the type by its magic numbers. */
export const detectFileSignature: FileSignatureDetector = async (firstBytes) => {
  try {
    return (await fileTypeFromBuffer(firstBytes))?.mime;
  } catch {
    // A truncated container (a zip whose first entry runs past the bytes read) is no recognised type.
    return undefined;
  }
};
