/**
 * Embedded charts of the in-memory spreadsheet, as far as the library uses them: Sheet.newChart()
 * gives an EmbeddedChartBuilder (chart type, data ranges, position, options, header rows); build()
 * makes a value that Sheet.insertChart adds (with a new chart id), Sheet.updateChart replaces by its
 * id, Sheet.removeChart removes; Sheet.getCharts returns snapshots, and EmbeddedChart.modify() a
 * builder whose changes count only after updateChart, as the reference says. The Charts global
 * carries the ChartType enum.
 *
 * Builders and chart objects are values in the script (their calls do not reach Google); the Sheet
 * methods that read or change the charts do (see core.ts). A chart keeps its ranges as written: the
 * emulator does not move them when rows are inserted above (Sheets would).
 */

import type { Env } from './core';
import { GasException } from './core';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import type { RangeRefData } from './spreadsheet-data';

/** Charts.ChartType. */
export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  BUBBLE: 'BUBBLE',
  CANDLESTICK: 'CANDLESTICK',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  GAUGE: 'GAUGE',
  GEO: 'GEO',
  HISTOGRAM: 'HISTOGRAM',
  LINE: 'LINE',
  ORG: 'ORG',
  PIE: 'PIE',
  RADAR: 'RADAR',
  SCATTER: 'SCATTER',
  SPARKLINE: 'SPARKLINE',
  STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE',
  TIMELINE: 'TIMELINE',
  TREEMAP: 'TREEMAP',
  WATERFALL: 'WATERFALL',
} as const;

/** What a chart is: the plain data the playground saves and draws. */
export interface ChartData {
  /** Null until the chart is inserted into a sheet. */
  id: number | null;
  type: string | null;
  ranges: RangeRefData[];
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
}

const copyChart = (c: ChartData): ChartData => JSON.parse(JSON.stringify(c)) as ChartData;

function blankChart(): ChartData {
  return {
    id: null,
    type: null,
    ranges: [],
    position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
    options: {},
    numHeaders: -1,
    transpose: false,
  };
}

const sameRange = (a: RangeRefData, b: RangeRefData) =>
  a.sheet === b.sheet && a.row === b.row && a.col === b.col && a.numRows === b.numRows && a.numColumns === b.numColumns;

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** ChartOptions: the options set on a chart. */
export class FakeChartOptions {
  constructor(
    private readonly env: Env,
    private readonly options: Record<string, unknown>,
  ) {}
  get(option: string): unknown {
    this.env.counters.call('ChartOptions.get');
    return option in this.options ? this.options[option] : null;
  }
  getOrDefault(option: string): unknown {
    this.env.counters.call('ChartOptions.getOrDefault');
    return option in this.options ? this.options[option] : null;
  }
}

/** ContainerInfo: where a chart is anchored. */
export class FakeContainerInfo {
  constructor(
    private readonly env: Env,
    private readonly position: ChartData['position'],
  ) {}
  private k(m: string) {
    this.env.counters.call(`ContainerInfo.${m}`);
  }
  getAnchorRow(): number {
    this.k('getAnchorRow');
    return this.position.row;
  }
  getAnchorColumn(): number {
    this.k('getAnchorColumn');
    return this.position.col;
  }
  getOffsetX(): number {
    this.k('getOffsetX');
    return this.position.offsetX;
  }
  getOffsetY(): number {
    this.k('getOffsetY');
    return this.position.offsetY;
  }
}

/** An EmbeddedChart: a snapshot of a chart (or a chart built and not inserted yet: id null). */
export class FakeEmbeddedChart {
  /** @internal */ readonly data: ChartData;
  constructor(
    /** @internal */ readonly sheet: FakeSheet,
    data: ChartData,
  ) {
    this.data = copyChart(data);
  }
  private k(m: string) {
    this.sheet.env.counters.call(`EmbeddedChart.${m}`);
  }
  getChartId(): number | null {
    this.k('getChartId');
    return this.data.id;
  }
  getRanges(): FakeRange[] {
    this.k('getRanges');
    return this.data.ranges.map((r) => rangeOf(this.sheet, r));
  }
  getOptions(): FakeChartOptions {
    this.k('getOptions');
    return new FakeChartOptions(this.sheet.env, { ...this.data.options });
  }
  getContainerInfo(): FakeContainerInfo {
    this.k('getContainerInfo');
    return new FakeContainerInfo(this.sheet.env, { ...this.data.position });
  }
  getNumHeaders(): number {
    this.k('getNumHeaders');
    return this.data.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    this.k('getTransposeRowsAndColumns');
    return this.data.transpose;
  }
  /** A builder holding this chart's settings; nothing changes until Sheet.updateChart. */
  modify(): FakeEmbeddedChartBuilder {
    this.k('modify');
    return new FakeEmbeddedChartBuilder(this.sheet, this.data);
  }
}

/** The range a chart refers to, on whichever sheet of the spreadsheet holds it. */
function rangeOf(sheet: FakeSheet, r: RangeRefData): FakeRange {
  const host = sheet.parent.sheets.find((s) => s.sheetName === r.sheet);
  if (!host) throw new GasException(`Range not found: the sheet "${r.sheet}" is gone`);
  return host.rangeAt(r.row, r.col, r.numRows, r.numColumns);
}

/**
 * EmbeddedChartBuilder, and the typed builders asColumnChart() & co. return (the same object: the
 * typed setters the library might use set the matching option).
 */
export class FakeEmbeddedChartBuilder {
  private readonly data: ChartData;
  constructor(
    private readonly sheet: FakeSheet,
    from: ChartData = blankChart(),
  ) {
    this.data = copyChart(from);
  }
  private k(m: string) {
    this.sheet.env.counters.call(`EmbeddedChartBuilder.${m}`);
  }
  addRange(range: FakeRange): this {
    this.k('addRange');
    if (!range || typeof (range as { refData?: unknown }).refData !== 'function') {
      throw new GasException(
        "The parameters (String) don't match the method signature for EmbeddedChartBuilder.addRange.",
      );
    }
    this.data.ranges.push(range.refData());
    return this;
  }
  removeRange(range: FakeRange): this {
    this.k('removeRange');
    const ref = range.refData();
    this.data.ranges = this.data.ranges.filter((r) => !sameRange(r, ref));
    return this;
  }
  clearRanges(): this {
    this.k('clearRanges');
    this.data.ranges = [];
    return this;
  }
  getRanges(): FakeRange[] {
    this.k('getRanges');
    return this.data.ranges.map((r) => rangeOf(this.sheet, r));
  }
  setChartType(type: string): this {
    this.k('setChartType');
    if (!Object.values(ChartType).includes(type as never)) {
      throw new GasException(
        `The parameters (${typeof type === 'string' ? 'String' : typeof type}) don't match the method signature for EmbeddedChartBuilder.setChartType.`,
      );
    }
    this.data.type = type;
    return this;
  }
  getChartType(): string | null {
    this.k('getChartType');
    return this.data.type;
  }
  setOption(option: string, value: unknown): this {
    this.k('setOption');
    this.data.options[String(option)] = JSON.parse(JSON.stringify(value ?? null));
    return this;
  }
  /** Anchors the chart's top left corner in a cell (1-based), offset by pixels. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.k('setPosition');
    if (![anchorRowPos, anchorColPos, offsetX, offsetY].every(isCount)) {
      throw new GasException("The parameters don't match the method signature for EmbeddedChartBuilder.setPosition.");
    }
    this.data.position = {
      row: Math.floor(anchorRowPos),
      col: Math.floor(anchorColPos),
      offsetX: Math.floor(offsetX),
      offsetY: Math.floor(offsetY),
    };
    return this;
  }
  getContainer(): FakeContainerInfo {
    this.k('getContainer');
    return new FakeContainerInfo(this.sheet.env, { ...this.data.position });
  }
  setNumHeaders(headers: number): this {
    this.k('setNumHeaders');
    this.data.numHeaders = Math.floor(headers);
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.k('setTransposeRowsAndColumns');
    this.data.transpose = !!transpose;
    return this;
  }
  private as(type: string): this {
    this.data.type = type;
    return this;
  }
  asAreaChart(): this {
    this.k('asAreaChart');
    return this.as(ChartType.AREA);
  }
  asBarChart(): this {
    this.k('asBarChart');
    return this.as(ChartType.BAR);
  }
  asColumnChart(): this {
    this.k('asColumnChart');
    return this.as(ChartType.COLUMN);
  }
  asLineChart(): this {
    this.k('asLineChart');
    return this.as(ChartType.LINE);
  }
  asPieChart(): this {
    this.k('asPieChart');
    return this.as(ChartType.PIE);
  }
  /** Typed builders: setTitle sets the "title" option. */
  setTitle(title: string): this {
    this.k('setTitle');
    this.data.options.title = String(title);
    return this;
  }
  setLegendPosition(position: string): this {
    this.k('setLegendPosition');
    this.data.options['legend.position'] = String(position).toLowerCase();
    return this;
  }
  build(): FakeEmbeddedChart {
    this.k('build');
    return new FakeEmbeddedChart(this.sheet, this.data);
  }
}

/** The Charts global (the enum the builders take). */
export function createCharts(env: Env) {
  return {
    Charts: {
      ChartType,
      /** Charts.newDataTable & co. are not modelled: the library draws charts from sheet ranges. */
      toString(): string {
        env.counters.call('Charts.toString');
        return 'Charts';
      },
    },
  };
}

/** A built chart handed to a Sheet method: ours, and from this spreadsheet. */
export function chartArg(sheet: FakeSheet, chart: unknown, method: string): FakeEmbeddedChart {
  if (!(chart instanceof FakeEmbeddedChart)) {
    throw new GasException(`The parameters don't match the method signature for Sheet.${method}.`);
  }
  if (chart.sheet.parent !== sheet.parent) throw new GasException('The chart belongs to another spreadsheet.');
  return chart;
}
