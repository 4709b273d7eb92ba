import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTranscriptPdf, type Transcript, type TranscriptCourse } from '#credentials';
import { pageCount, pdfFonts, pdfText, requirePopplerOrSkip } from './pdf-tools.js';

const course = (n: number, overrides: Partial<TranscriptCourse> = {}): TranscriptCourse => ({
  enrolmentId: `e-${n}`,
  courseId: `c-${n}`,
  code: `DSE${100 + n}`,
  title: `Course number ${n}`,
  level: { framework: 'SCQF', level: 11 },
  credits: 10,
  startDate: '2026-09-07',
  standing: 'Passed',
  status: 'Completed',
  outcome: { weightedMark: 60 + n, grade: 'Merit', confirmed: true },
  components: [
    {
      id: 'essay',
      title: 'Critical essay',
      weight: 60,
      passMark: 40,
      attempts: [
        { attempt: 1, submittedAt: '2026-10-01T09:00:00Z', mark: 35 },
        { attempt: 2, submittedAt: '2026-11-01T09:00:00Z', mark: 58 },
      ],
    },
    { id: 'exam', title: 'Examination', weight: 40, passMark: 40, attempts: [] },
  ],
  award: null,
  changedAt: '2026-11-20T00:00:00Z',
  ...overrides,
});

/** A long transcript breaks across pages, every course on it; a resit shows both attempts. */
describe('transcript PDF', () => {
  it('runs over pages with every course, both attempts of a resit, and the provisional ones marked', async () => {
    const transcript: Transcript = {
      learnerId: 'l-1',
      learnerName: 'Nguyễn Thị Minh Khai 阮氏明開',
      issuerName: 'University of Northshire',
      asOf: '2026-12-01T10:00:00Z',
      credits: { cats: 0, ects: 0 },
      courses: [
        ...Array.from({ length: 11 }, (_, i) => course(i + 1)),
        course(12, {
          title: '数据伦理 (Data ethics)',
          standing: 'Awaiting the board',
          status: 'Provisional',
          outcome: { weightedMark: 52, grade: 'Pass', confirmed: false },
        }),
      ],
    };
    const pdf = await renderTranscriptPdf(transcript);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!requirePopplerOrSkip()) return;
    const path = join(mkdtempSync(join(tmpdir(), 'credence-transcript-pdf-')), 'transcript.pdf');
    writeFileSync(path, pdf);
    expect(pageCount(path)).toBeGreaterThan(1);
    const raw = pdfText(path);
    expect(raw).toContain('Nguyễn Thị Minh Khai 阮氏明開');
    expect(raw).toContain('数据伦理 (Data ethics)');
    const text = raw.replace(/\s+/g, ' ');
    for (let n = 1; n <= 11; n++) expect(text).toContain(`DSE${100 + n} Course number ${n}`);
    expect(text).toContain('Critical essay 60% 40% 1 1 Oct 2026 35%');
    expect(text).toContain('Critical essay 60% 40% 2 1 Nov 2026 58%');
    expect(text).toContain('SCQF level 11');
    expect(text).toContain('Overall 52% (Pass), provisional until the board confirms it');
    expect(pdfFonts(path).filter((font) => !font.embedded)).toEqual([]);
  });
});
