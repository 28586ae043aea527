import { describe, expect, it } from 'vitest';
import { announceAttachment } from '../../../functions/app/announce-attachment.ts';
import { attachmentDownload } from '../../../functions/app/attachment-download.ts';
import type { EvidenceStorage, StoredObjectStart } from '../../../functions/app/ports.ts';
import { recordEvidenceUpload } from '../../../functions/app/record-evidence-upload.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { fixedPolicy, inMemoryStore } from '../../support/in-memory-ports.ts';

const AT = new Date('2026-03-02T10:00:00.000Z');
const COMPLAINT = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const FILE = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const PNG_START = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

/** The bucket in memory: what was asked of it, and what a ranged read and the scan tag answer. */
const fakeStorage = (objects: Record<string, StoredObjectStart> = {}, scan?: string) => {
  const calls: unknown[][] = [];
  const storage: EvidenceStorage = {
    uploadForm: (...args) => {
      calls.push(['uploadForm', ...args]);
      return Promise.resolve({ url: 'https://bucket', fields: { key: args[0] } });
    },
    downloadUrl: (...args) => {
      calls.push(['downloadUrl', ...args]);
      return Promise.resolve(`https://bucket/${args[0]}?signed`);
    },
    start: (key, bytes) => {
      calls.push(['start', key, bytes]);
      return Promise.resolve(objects[key]);
    },
    scanStatus: (key) => {
      calls.push(['scanStatus', key]);
      return Promise.resolve(scan);
    },
  };
  return { storage, calls };
};

const setup = (objects: Record<string, StoredObjectStart> = {}) => {
  const memory = inMemoryStore(receivedComplaint(AT, { id: COMPLAINT }), () => AT);
  const { storage, calls } = fakeStorage(objects);
  const deps = {
    store: memory.store,
    policy: fixedPolicy,
    storage,
    wallClock: { now: () => AT },
    detect: (bytes: Uint8Array) => Promise.resolve(bytes[0] === 0x89 ? 'image/png' : undefined),
    signatureBytes: 4100,
  };
  return { memory, deps, calls };
};

describe('evidence use cases', () => {
  it('announces a file: a pending record, and a form for exactly its key, type and size for 15 minutes', async () => {
    const { memory, deps, calls } = setup();
    const result = await announceAttachment(
      deps,
      COMPLAINT,
      { fileName: 'a.png', contentType: 'image/png', size: 100 },
      { kind: 'customer' },
    );
    expect(result).toMatchObject({ kind: 'announced', upload: { url: 'https://bucket' } });
    const id = result.kind === 'announced' ? result.id : '';
    expect(calls).toEqual([['uploadForm', `complaints/${COMPLAINT}/${id}`, 'image/png', 100, 900]]);
    expect(memory.current().attachments).toMatchObject([{ id, status: 'pending' }]);
  });

  it('hands out no form for a refused file, and stores nothing', async () => {
    const { memory, deps, calls } = setup();
    const result = await announceAttachment(
      deps,
      COMPLAINT,
      { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 100 },
      { kind: 'customer' },
    );
    expect(result).toMatchObject({ kind: 'refused', field: 'contentType' });
    expect(calls).toEqual([]);
    expect(memory.current().attachments).toBeUndefined();
  });

  it('records an email attachment from its metadata after reading only its first bytes', async () => {
    const key = `complaints/${COMPLAINT}/${FILE}`;
    const { memory, deps, calls } = setup({
      [key]: {
        firstBytes: PNG_START,
        contentType: 'image/png',
        metadata: {
          source: 'email',
          'file-name': encodeURIComponent('照片 1.png'),
          'uploaded-by': 'customer',
        },
      },
    });
    expect(await recordEvidenceUpload(deps, key, 2048)).toEqual({ kind: 'recorded', status: 'available' });
    expect(calls).toEqual([['start', key, 4100]]);
    expect(memory.current().attachments).toMatchObject([
      { id: FILE, fileName: '照片 1.png', source: 'email' },
    ]);
    expect(memory.events.map((event) => event.type)).toEqual(['attachment.added']);
  });

  it('ignores keys outside complaints/<id>/<id>, objects gone, and objects nothing announced', async () => {
    const key = `complaints/${COMPLAINT}/${FILE}`;
    const { deps } = setup({ [key]: { firstBytes: PNG_START, contentType: 'image/png', metadata: {} } });
    expect(await recordEvidenceUpload(deps, 'other/thing', 1)).toEqual({ kind: 'not-evidence' });
    expect(await recordEvidenceUpload(deps, `complaints/${COMPLAINT}/01JCCCCCCCCCCCCCCCCCCCCCCC`, 1)).toEqual(
      {
        kind: 'gone',
      },
    );
    expect(await recordEvidenceUpload(deps, key, 1)).toEqual({ kind: 'unannounced' });
  });

  it('with malware scanning on, links only files GuardDuty tagged clean', async () => {
    const complaint = receivedComplaint(AT, {
      id: COMPLAINT,
      attachments: [
        {
          id: FILE,
          fileName: 'a.png',
          contentType: 'image/png',
          size: 1,
          status: 'available',
          source: 'upload',
          uploadedBy: { kind: 'customer' },
          createdAt: AT.toISOString(),
        },
      ],
    });
    const verdict = async (scan: string | undefined) =>
      (
        await attachmentDownload(
          { policy: fixedPolicy, storage: fakeStorage({}, scan).storage, malwareScan: true },
          complaint,
          FILE,
          'customer',
        )
      ).kind;
    expect(await verdict(undefined)).toBe('scan-pending');
    expect(await verdict('THREATS_FOUND')).toBe('infected');
    expect(await verdict('NO_THREATS_FOUND')).toBe('link');
  });
});
