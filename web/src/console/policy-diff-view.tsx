import { policyDiff } from './policy-diff.ts';
import { usePolicyWords } from './policy-words.ts';

/** Old against new, hunk by hunk, each headed by where in the policy it is. */
export const PolicyDiffView = ({
  before,
  after,
  testId,
}: {
  before: unknown;
  after: unknown;
  testId: string;
}) => {
  const w = usePolicyWords();
  const hunks = policyDiff(before, after);
  if (hunks.length === 0) return <p data-testid={testId}>{w.review.none}</p>;
  return (
    <div class="policy-diff" data-testid={testId} role="group" aria-label={w.diff.label}>
      {hunks.map((hunk, index) => (
        <figure key={index}>
          <figcaption>{hunk.where.join(' › ') || '—'}</figcaption>
          <pre>
            {hunk.lines.map((line, at) =>
              line.kind === 'same' ? (
                <span key={at}>{`  ${line.text}\n`}</span>
              ) : line.kind === 'added' ? (
                <ins key={at} title={w.diff.added}>{`+ ${line.text}`}</ins>
              ) : (
                <del key={at} title={w.diff.removed}>{`- ${line.text}`}</del>
              ),
            )}
          </pre>
        </figure>
      ))}
    </div>
  );
};
