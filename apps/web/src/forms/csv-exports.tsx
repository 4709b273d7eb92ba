import { useState } from 'react';
import { ApiError, download } from '../api/client';
import { ErrorMessages } from '../components/ui';
import { BoardPicker, CoursePicker } from './pickers';

/** The CSV exports, each for a course or board chosen by name: a mark sheet comes back filled in as an upload. */
export const CsvExports = () => {
  const [courseId, setCourseId] = useState('');
  const [boardId, setBoardId] = useState('');
  const [error, setError] = useState<ApiError>();
  const save = (path: string, name: string) => () =>
    download(path, name).then(
      () => setError(undefined),
      (failure: unknown) => setError(failure instanceof ApiError ? failure : new ApiError(0, [String(failure)])),
    );
  return (
    <>
      <ErrorMessages error={error} title="The export could not be downloaded" />
      <p>
        <button type="button" className="button" onClick={save('/v1/marking/queue.csv', 'marking-queue.csv')}>
          Download the marking queue (CSV)
        </button>
      </p>
      <CoursePicker label="Course" value={courseId} onChange={setCourseId} />
      <p className="actions">
        <button
          type="button"
          className="button"
          disabled={!courseId}
          onClick={save(`/v1/courses/${courseId}/marks.csv`, 'marks.csv')}
        >
          Download its mark sheet (CSV)
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={!courseId}
          onClick={save(`/v1/courses/${courseId}/monitoring.csv`, 'monitoring.csv')}
        >
          Download its monitoring (CSV)
        </button>
      </p>
      <BoardPicker label="Board" value={boardId} onChange={setBoardId} />
      <p>
        <button
          type="button"
          className="button"
          disabled={!boardId}
          onClick={save(`/v1/boards/${boardId}/minutes.csv`, 'minutes.csv')}
        >
          Download its minutes (CSV)
        </button>
      </p>
    </>
  );
};
