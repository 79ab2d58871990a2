// 节假日日历: the State Council's yearly holiday notices behind the working-day time limits (e.g. how many
// working days a message may wait for its answer). Years come with the program; when next year's notice is
// published, the user types its days here or imports them from a text file, and the engine uses them.
import { useState } from 'react';
import type { CalendarYearView } from '../../shared/api.js';
import { call, userMessage } from '../api.js';
import { useQuery } from '../useQuery.js';
import { Field } from './Field.js';
import { ErrorNotice, Loading, SuccessNotice } from './Notice.js';
import { PathField } from './PathField.js';

/** Dates typed one a line (or separated by commas or spaces). */
const dates = (text: string) => text.split(/[\s,，、；;]+/).filter(Boolean);

const EMPTY_YEAR = { year: '', notice: '', holidays: '', workdays: '' };

export function HolidayCalendarEditor() {
  const loaded = useQuery('calendar', () => call('getCalendar', {}));
  if (!loaded.data) return <>{loaded.error ? <ErrorNotice message={loaded.error} /> : <Loading />}</>;
  return <CalendarForm initial={loaded.data} />;
}

function CalendarForm({ initial }: { initial: CalendarYearView[] }) {
  const [years, setYears] = useState(initial);
  const [draft, setDraft] = useState(EMPTY_YEAR);
  const [file, setFile] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const edit = (year: CalendarYearView) =>
    setDraft({
      year: year.year,
      notice: year.notice,
      holidays: year.holidays.join('\n'),
      workdays: year.workdays.join('\n'),
    });
  const act = async (run: () => Promise<CalendarYearView[]>, done: (saved: CalendarYearView[]) => string) => {
    setError(null);
    setMessage(null);
    try {
      const saved = await run();
      setYears(saved);
      setMessage(done(saved));
    } catch (failure) {
      setError(userMessage(failure));
    }
  };
  const save = () =>
    act(
      () =>
        call('saveCalendarYear', {
          year: draft.year.trim(),
          notice: draft.notice,
          holidays: dates(draft.holidays),
          workdays: dates(draft.workdays),
        }),
      (saved) => {
        const year = saved.find((y) => y.year === draft.year.trim())!;
        setDraft(EMPTY_YEAR);
        return `${year.year} 年节假日已保存（放假 ${year.holidays.length} 天，调休上班 ${year.workdays.length} 天），此后的检查和重新评分按它计算工作日。`;
      },
    );
  const remove = (year: string) =>
    act(
      () => call('removeCalendarYear', { year }),
      () => `已删除本机录入的 ${year} 年节假日。`,
    );
  const importFile = () =>
    act(
      () => call('importCalendar', { file: file.trim() }),
      (saved) => {
        const imported = saved.filter((y) => y.source === 'workspace').map((y) => y.year);
        return `已从文件导入节假日，本机录入的年份：${imported.join('、')}。`;
      },
    );

  return (
    <div data-testid="holiday-calendar">
      <SuccessNotice message={message} />
      <ErrorNotice message={error} />
      <p className="hint">
        按工作日计算的时限（如留言答复时限）要用国务院办公厅每年公布的放假安排。程序自带的年份之外，请在每年公布次年放假通知后录入：放假日期包括放假期间的周末，调休上班日是需要上班的周六、周日。未录入的年份按周一至周五计算，报告会注明。
      </p>
      <table className="table table-compact" aria-label="节假日日历">
        <thead>
          <tr>
            <th>年份</th>
            <th>放假通知</th>
            <th>放假天数</th>
            <th>调休上班天数</th>
            <th>来源</th>
            <th aria-label="操作" />
          </tr>
        </thead>
        <tbody>
          {years.map((year) => (
            <tr key={year.year} data-testid="calendar-year">
              <td className="nowrap">{year.year}</td>
              <td>{year.notice}</td>
              <td className="num">{year.holidays.length}</td>
              <td className="num">{year.workdays.length}</td>
              <td className="nowrap">
                {year.source === 'bundled'
                  ? '程序自带'
                  : year.replacesBundled
                    ? '本机录入（替代程序自带）'
                    : '本机录入'}
              </td>
              <td className="col-actions">
                <button type="button" className="btn-small" onClick={() => edit(year)}>
                  修改
                </button>
                {year.source === 'workspace' && (
                  <button
                    type="button"
                    className="btn-small btn-danger"
                    onClick={() => void remove(year.year)}
                  >
                    删除
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label="年份">
          <input
            value={draft.year}
            inputMode="numeric"
            placeholder="例如 2027"
            onChange={(e) => setDraft({ ...draft, year: e.target.value })}
          />
        </Field>
        <Field label="放假通知（名称或文号）">
          <input
            value={draft.notice}
            placeholder="例如 国务院办公厅关于2027年部分节假日安排的通知"
            onChange={(e) => setDraft({ ...draft, notice: e.target.value })}
          />
        </Field>
        <Field label="放假日期（每行一个，如 2027-01-01）">
          <textarea
            rows={6}
            value={draft.holidays}
            onChange={(e) => setDraft({ ...draft, holidays: e.target.value })}
          />
        </Field>
        <Field label="调休上班日期（周六或周日，每行一个）">
          <textarea
            rows={6}
            value={draft.workdays}
            onChange={(e) => setDraft({ ...draft, workdays: e.target.value })}
          />
        </Field>
        <div className="actions field-wide">
          <button type="submit" className="btn btn-primary" disabled={draft.year.trim() === ''}>
            保存该年份
          </button>
        </div>
      </form>
      <div className="form-grid">
        <div className="field-wide">
          <PathField
            label="从文件导入（文本或 CSV，每行“日期,放假”或“日期,上班”，可加一行“通知,通知名称”）"
            value={file}
            onChange={setFile}
            placeholder="例如 D:\资料\2027年节假日.csv"
            dialog={{
              mode: 'open',
              title: '选择节假日文件',
              filters: [{ name: '文本或表格', extensions: ['csv', 'txt'] }],
            }}
          />
        </div>
        <div className="actions field-wide">
          <button
            type="button"
            className="btn"
            disabled={file.trim() === ''}
            onClick={() => void importFile()}
          >
            从文件导入
          </button>
        </div>
      </div>
    </div>
  );
}
