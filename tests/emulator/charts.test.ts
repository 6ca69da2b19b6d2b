/**
 * Embedded charts in the runtime: what the reports use of EmbeddedChartBuilder, EmbeddedChart and the
 * Sheet chart methods, as the Apps Script reference describes them.
 */
import { describe, expect, it } from 'vitest';
import { ChartType, createCharts, type FakeEmbeddedChart } from '../../emulator/charts';
import { createEnv, type Env } from '../../emulator/core';
import { createSpreadsheetApp, FakeSpreadsheet } from '../../emulator/spreadsheet';

function setup() {
  const env: Env = { ...createEnv({ now: new Date('2026-11-25T10:00:00+05:00') }), ui: {} };
  const { spreadsheet } = createSpreadsheetApp(env);
  const sheet = spreadsheet.getSheets()[0];
  sheet.getRange('A1:B4').setValues([
    ['Grade', 'Coverage'],
    [5, 0.9],
    [6, 1],
    [7, 0.75],
  ]);
  env.counters.reset();
  return { env, spreadsheet, sheet };
}

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
};

function columnChart(sheet: ReturnType<typeof setup>['sheet']): FakeEmbeddedChart {
  return sheet
    .newChart()
    .setChartType(ChartType.COLUMN)
    .addRange(sheet.getRange('A1:A4'))
    .addRange(sheet.getRange('B1:B4'))
    .setNumHeaders(1)
    .setPosition(2, 5, 10, 20)
    .setOption('title', 'Coverage by grade')
    .build();
}

describe('embedded charts', () => {
  it('a built chart has no id until insertChart puts it on the sheet (EmbeddedChart.getChartId)', () => {
    const { sheet } = setup();
    const chart = columnChart(sheet);
    expect(chart.getChartId()).toBeNull();
    expect(sheet.getCharts()).toHaveLength(0);
    sheet.insertChart(chart);
    const [inserted] = sheet.getCharts();
    expect(inserted.getChartId()).toBe(1);
  });

  it('getCharts returns the type, ranges, position, header rows and options the builder set', () => {
    const { sheet } = setup();
    sheet.insertChart(columnChart(sheet));
    const [c] = sheet.getCharts();
    expect(c.modify().getChartType()).toBe('COLUMN');
    expect(c.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A4', 'B1:B4']);
    const at = c.getContainerInfo();
    expect([at.getAnchorRow(), at.getAnchorColumn(), at.getOffsetX(), at.getOffsetY()]).toEqual([2, 5, 10, 20]);
    expect(c.getOptions().get('title')).toBe('Coverage by grade');
    expect(c.getOptions().get('legend.position')).toBeNull();
    expect(c.getNumHeaders()).toBe(1);
  });

  it('changes made through modify() count only after updateChart, which keeps the chart id', () => {
    const { sheet } = setup();
    sheet.insertChart(columnChart(sheet));
    const [c] = sheet.getCharts();
    const changed = c.modify().clearRanges().addRange(sheet.getRange('A1:B3')).setOption('title', 'New').build();
    expect(sheet.getCharts()[0].getOptions().get('title')).toBe('Coverage by grade');
    sheet.updateChart(changed);
    const [after] = sheet.getCharts();
    expect(after.getChartId()).toBe(c.getChartId());
    expect(after.getOptions().get('title')).toBe('New');
    expect(after.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B3']);
  });

  it('removeChart removes that chart only; updating or removing a chart that is not on the sheet fails', () => {
    const { sheet, spreadsheet } = setup();
    sheet.insertChart(columnChart(sheet));
    sheet.insertChart(columnChart(sheet));
    const [first, second] = sheet.getCharts();
    sheet.removeChart(first);
    expect(sheet.getCharts().map((c) => c.getChartId())).toEqual([second.getChartId()]);
    expect(thrown(() => sheet.removeChart(first)).message).toMatch(/not on this sheet/);
    expect(thrown(() => sheet.updateChart(columnChart(sheet))).message).toMatch(/not on this sheet/);
    const other = spreadsheet.insertSheet('Other');
    expect(thrown(() => other.removeChart(second)).message).toMatch(/not on this sheet/);
  });

  it('chart ids are unique across the spreadsheet and survive toData/loadData', () => {
    const { sheet, spreadsheet, env } = setup();
    sheet.insertChart(columnChart(sheet));
    const other = spreadsheet.insertSheet('Other');
    other.insertChart(columnChart(sheet));
    expect([...sheet.getCharts(), ...other.getCharts()].map((c) => c.getChartId())).toEqual([1, 2]);
    const copy = FakeSpreadsheet.fromData(env, spreadsheet.toData());
    const [c] = copy.getSheetByName('Other')!.getCharts();
    expect(c.getChartId()).toBe(2);
    // The chart's ranges are on the first sheet, wherever the chart stands.
    expect(c.getRanges()[0].getSheet().getName()).toBe(sheet.getName());
    copy.getSheetByName('Other')!.insertChart(columnChart(copy.getSheets()[0]));
    expect(
      copy
        .getSheetByName('Other')!
        .getCharts()
        .map((x) => x.getChartId()),
    ).toEqual([2, 3]);
  });

  it('builders and chart objects do not reach Google; newChart is a handle; getCharts, insertChart, updateChart and removeChart do', () => {
    const { sheet, env } = setup();
    const chart = columnChart(sheet);
    expect(env.counters.spreadsheetTotal()).toBe(0);
    sheet.insertChart(chart);
    const [c] = sheet.getCharts();
    c.getRanges();
    c.getOptions().get('title');
    sheet.updateChart(c.modify().setOption('title', 'x').build());
    expect(env.counters.spreadsheetCalls()).toEqual({
      'Sheet.insertChart': 1,
      'Sheet.getCharts': 1,
      'Sheet.updateChart': 1,
    });
  });

  it('setChartType refuses what is not a Charts.ChartType; Charts.ChartType names the types', () => {
    const { sheet, env } = setup();
    expect(thrown(() => sheet.newChart().setChartType('DONUT')).message).toMatch(/setChartType/);
    expect(createCharts(env).Charts.ChartType.PIE).toBe('PIE');
    expect(sheet.newChart().asPieChart().getChartType()).toBe('PIE');
  });
});
