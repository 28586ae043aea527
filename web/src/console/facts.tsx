import { Fragment, type ComponentChildren } from 'preact';

/** Name/value rows as a definition list; nothing at all when there are none. */
export const Facts = ({ rows }: { rows: [string, ComponentChildren][] }) =>
  rows.length === 0 ? null : (
    <dl class="facts">
      {rows.map(([name, value]) => (
        <Fragment key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
