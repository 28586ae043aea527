import type { RootCauseBreakdown } from '../../../functions/domain/kpi-report.ts';
import { useConsoleLocale } from './console-locale.ts';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** Cause × product lines shown: the head of the Pareto is what is read (the report has up to 20). */
const PRODUCT_ROWS = 10;

/**
 * The KPI report's root causes as a Pareto table (count, share, running share), and the most frequent
 * root cause × product lines: where a corrective action pays off most.
 */
export const ParetoTable = ({ rootCauses }: { rootCauses: RootCauseBreakdown }) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const cause = (code: string) => cl.label('rootCause', code);
  return (
    <>
      <h2>{t.pareto.title}</h2>
      {rootCauses.byCause.length === 0 ? (
        <p>{t.pareto.empty}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table data-testid="root-cause-pareto">
              <thead>
                <tr>
                  <th scope="col">{t.pareto.rootCause}</th>
                  <th scope="col">{t.pareto.count}</th>
                  <th scope="col">{t.pareto.share}</th>
                  <th scope="col">{t.pareto.cumulative}</th>
                </tr>
              </thead>
              <tbody>
                {rootCauses.byCause.map((row) => (
                  <tr key={row.rootCause}>
                    <th scope="row">{cause(row.rootCause)}</th>
                    <td>{row.count}</td>
                    <td>{percent(row.share)}</td>
                    <td>{percent(row.cumulativeShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t.pareto.byProduct}</h3>
          <div class="table-wrap">
            <table data-testid="root-cause-product-pareto">
              <thead>
                <tr>
                  <th scope="col">{t.pareto.rootCause}</th>
                  <th scope="col">{t.pareto.product}</th>
                  <th scope="col">{t.pareto.count}</th>
                  <th scope="col">{t.pareto.share}</th>
                  <th scope="col">{t.pareto.cumulative}</th>
                </tr>
              </thead>
              <tbody>
                {rootCauses.byCauseAndProduct.slice(0, PRODUCT_ROWS).map((row) => (
                  <tr key={`${row.rootCause}|${row.product}`}>
                    <th scope="row">{cause(row.rootCause)}</th>
                    <td>{row.product || t.none}</td>
                    <td>{row.count}</td>
                    <td>{percent(row.share)}</td>
                    <td>{percent(row.cumulativeShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
};
