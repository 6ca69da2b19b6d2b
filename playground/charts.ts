/**
 * The embedded charts of a sheet as the playground page draws them (with Chart.js): each chart's type,
 * title, size and position as the script set them, and its data read from its ranges as Sheets reads
 * them — the ranges side by side, the first column the labels, each other column a series, the header
 * rows naming the series. A series whose cells are percentages is shown in percent.
 */
import type { ChartData } from '../emulator/charts';
import type { FakeSpreadsheet } from '../emulator/spreadsheet';

export interface ChartView {
  id: number | null;
  type: string;
  title: string;
  anchor: { row: number; col: number; offsetX: number; offsetY: number };
  width: number;
  height: number;
  legend: string;
  labels: string[];
  series: Array<{ name: string; data: number[]; percent: boolean }>;
}

/** The columns of a chart's ranges side by side: [column][row] display texts, raw values and formats. */
function columnsOf(ss: FakeSpreadsheet, chart: ChartData) {
  const cols: Array<{ values: unknown[]; display: string[]; formats: string[] }> = [];
  for (const r of chart.ranges) {
    const sheet = ss.sheets.find((s) => s.sheetName === r.sheet);
    if (!sheet) continue;
    for (let c = 0; c < r.numColumns; c++) {
      const col = { values: [] as unknown[], display: [] as string[], formats: [] as string[] };
      for (let i = 0; i < r.numRows; i++) {
        col.values.push(sheet.valueAt(r.row + i, r.col + c));
        col.display.push(sheet.displayAt(r.row + i, r.col + c));
        col.formats.push(sheet.cell(r.row + i, r.col + c)?.format ?? '');
      }
      cols.push(col);
    }
  }
  return cols;
}

export function chartViews(ss: FakeSpreadsheet, sheetName: string): ChartView[] {
  const sheet = ss.sheets.find((s) => s.sheetName === sheetName);
  if (!sheet) return [];
  return sheet.charts.map((chart) => {
    const cols = columnsOf(ss, chart);
    const headers = Math.max(0, chart.numHeaders < 0 ? 1 : chart.numHeaders);
    const [labels, ...series] = cols;
    const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);
    const option = (k: string) => chart.options[k];
    const legend = option('legend') as { position?: string } | undefined;
    return {
      id: chart.id,
      type: chart.type ?? 'COLUMN',
      title: String(option('title') ?? ''),
      anchor: chart.position,
      width: Number(option('width')) || 600,
      height: Number(option('height')) || 371,
      legend: String(legend?.position ?? option('legend.position') ?? 'right'),
      labels: (labels?.display ?? []).slice(headers),
      series: series.map((s) => {
        const percent = s.formats.slice(headers).some((f) => f.includes('%'));
        return {
          name: s.display.slice(0, headers).join(' '),
          data: s.values.slice(headers).map((v) => (percent ? Math.round(num(v) * 1000) / 10 : num(v))),
          percent,
        };
      }),
    };
  });
}
