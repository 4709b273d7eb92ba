import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf } from '#credentials';
import { BASE_URL, issuedAward } from './award-fixture.js';
import { pageCount, pdfFonts, pdfText, renderFirstPage, requirePopplerOrSkip } from './pdf-tools.js';

/** The certificate renders as a one-page A4 PDF with the information set; artifacts go to the temp folder. */
describe('certificate PDF', () => {
  const poppler = requirePopplerOrSkip();
  const dir = mkdtempSync(join(tmpdir(), 'credence-certificate-'));
  const verificationUrl = `${BASE_URL}/v1/awards/0b7e7c5a-2f4e-4a8e-9d55-6a1f3c2b9e10/credential`;

  const render = async (name: string, award = issuedAward()) => {
    const pdf = await renderCertificatePdf({ award, verificationUrl });
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    return { pdf, path };
  };

  it('is an A4 PDF', async () => {
    const { pdf } = await render('certificate');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  (poppler ? it : it.skip)('renders one page with the title, credits, learner and the information set', async () => {
    const { path } = await render('certificate');
    const png = renderFirstPage(path, join(dir, 'certificate'));
    expect(statSync(png).size).toBeGreaterThan(10_000);
    console.log(`certificate artifacts: ${path} and ${png}`);
    const text = pdfText(path).replace(/\s+/g, ' ');
    for (const expected of [
      'Data Ethics in Practice',
      'Amira Okafor',
      'University of Northshire',
      '15 CATS',
      '7.5 ECTS',
      'FHEQ level 7',
      'Merit',
      'Weighted mark 65%',
      '23 November 2026',
      'CAH11-01-01',
      '100366, 100367',
      'BCS, The Chartered Institute for IT',
      'Apply UK data-protection law',
      '7 September 2026 to 20 November 2026',
      'Online',
      verificationUrl,
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('REVOKED');
    expect(pageCount(path)).toBe(1);
  });

  (poppler ? it : it.skip)('marks a revoked award as revoked', async () => {
    const revoked = issuedAward({
      revoked: {
        reason: 'Academic misconduct found on appeal',
        revokedBy: 'registry-1',
        revokedAt: '2027-01-10T10:00:00Z',
      },
    });
    const { path } = await render('revoked', revoked);
    renderFirstPage(path, join(dir, 'revoked'));
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('revoked on 10 January 2027: Academic misconduct found on appeal');
    expect(pageCount(path)).toBe(1);
  });

  (poppler ? it : it.skip)(
    'embeds its fonts and gives back a Latin Extended, Vietnamese and CJK name exactly',
    async () => {
      const name = 'Zoë Łucja Nguyễn-王';
      const { pdf, path } = await render('unicode-name', issuedAward({ learnerName: name }));
      expect(pdfText(path)).toContain(name);
      const fonts = pdfFonts(path);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((font) => !font.embedded)).toEqual([]);
      expect(fonts.map((font) => font.name).join(' ')).toMatch(/NotoSansSC/);
      // Tagged: a structure tree and the MarkInfo flag.
      expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
      expect(pdf.toString('latin1')).toMatch(/\/MarkInfo/);
    },
  );

  it('embeds subsets of its Unicode fonts, with a ToUnicode map, and names no standard font', async () => {
    const { pdf } = await render('unicode-name-raw', issuedAward({ learnerName: 'Zoë Łucja Nguyễn-王' }));
    const raw = pdf.toString('latin1');
    const baseFonts = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((match) => match[1]!);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const font of baseFonts) expect(font).toMatch(/^[A-Z]{6}\+(DejaVu|NotoSansSC)/);
    expect(baseFonts.some((font) => font.includes('NotoSansSC'))).toBe(true);
    expect(raw.match(/\/FontFile2/g)?.length).toBe(new Set(baseFonts).size);
    expect(raw).toMatch(/\/ToUnicode/);
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
  });
});
