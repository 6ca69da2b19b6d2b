/**
 * The SpreadsheetApp global of the in-memory spreadsheet, and the enums it carries.
 */
import type { Env } from './core';
import { GasException } from './core';
import { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import { FakeSpreadsheet } from './spreadsheet';
import { DataValidationCriteria, FakeDataValidationBuilder } from './spreadsheet-validation';

/** SpreadsheetApp.ProtectionType. */
export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
/** SpreadsheetApp.DeveloperMetadataVisibility. */
export const DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;
/** SpreadsheetApp.CopyPasteType (the kinds copyTo understands). */
export const CopyPasteType = {
  PASTE_NORMAL: 'PASTE_NORMAL',
  PASTE_NO_BORDERS: 'PASTE_NO_BORDERS',
  PASTE_FORMAT: 'PASTE_FORMAT',
  PASTE_FORMULA: 'PASTE_FORMULA',
  PASTE_DATA_VALIDATION: 'PASTE_DATA_VALIDATION',
  PASTE_VALUES: 'PASTE_VALUES',
  PASTE_CONDITIONAL_FORMATTING: 'PASTE_CONDITIONAL_FORMATTING',
  PASTE_COLUMN_WIDTHS: 'PASTE_COLUMN_WIDTHS',
} as const;
/** SpreadsheetApp.WrapStrategy. */
export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
/** SpreadsheetApp.BorderStyle. */
export const BorderStyle = {
  DOTTED: 'DOTTED',
  DASHED: 'DASHED',
  SOLID: 'SOLID',
  SOLID_MEDIUM: 'SOLID_MEDIUM',
  SOLID_THICK: 'SOLID_THICK',
  DOUBLE: 'DOUBLE',
} as const;
/** SpreadsheetApp.Dimension. */
export const Dimension = { COLUMNS: 'COLUMNS', ROWS: 'ROWS' } as const;

/** The SpreadsheetApp global. */
export class FakeSpreadsheetApp {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly CopyPasteType = CopyPasteType;
  readonly WrapStrategy = WrapStrategy;
  readonly BorderStyle = BorderStyle;
  readonly Dimension = Dimension;

  constructor(
    private readonly env: Env,
    private readonly spreadsheet: FakeSpreadsheet,
    /** The spreadsheets the script created (SpreadsheetApp.create): they outlive the execution, as files in Drive. */
    readonly created: Map<string, FakeSpreadsheet> = new Map(),
  ) {}
  private k(method: string): void {
    this.env.counters.call(`SpreadsheetApp.${method}`);
  }
  /** The bound spreadsheet or one the script created, by id. */
  private byId(id: string): FakeSpreadsheet | null {
    if (id === this.spreadsheet.id) return this.spreadsheet;
    return this.created.get(String(id)) ?? null;
  }
  /**
   * A new spreadsheet in the user's Drive, as Google's: one sheet "Sheet1" (1,000 rows × 26 columns, or
   * the size given), its own id and URL, the script's time zone; it is there for later executions.
   */
  create(name: string, rows?: number, columns?: number): FakeSpreadsheet {
    this.k('create');
    if (name === undefined || name === null) throw new GasException('Invalid argument: name');
    if ((rows !== undefined && !(rows >= 1)) || (columns !== undefined && !(columns >= 1))) {
      throw new GasException('Invalid argument: ' + (rows !== undefined && !(rows >= 1) ? 'rows' : 'columns'));
    }
    const ss = new FakeSpreadsheet(this.env);
    ss.name = String(name);
    ss.id = createdId(this.created.size + 1);
    const sheet = ss.sheets[0];
    if (rows !== undefined) sheet.maxRows = Math.floor(rows);
    if (columns !== undefined) sheet.maxCols = Math.floor(columns);
    this.created.set(ss.id, ss);
    return ss;
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    this.k('getActiveSpreadsheet');
    return this.spreadsheet;
  }
  getActive(): FakeSpreadsheet {
    this.k('getActive');
    return this.spreadsheet;
  }
  openById(id: string): FakeSpreadsheet {
    this.k('openById');
    const ss = this.byId(id);
    if (!ss) {
      throw new GasException(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return ss;
  }
  openByUrl(url: string): FakeSpreadsheet {
    this.k('openByUrl');
    const m = /\/d\/([^/]+)/.exec(String(url));
    const ss = m ? this.byId(m[1]) : null;
    if (!ss) {
      throw new GasException(
        'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
      );
    }
    return ss;
  }
  getActiveSheet(): FakeSheet {
    this.k('getActiveSheet');
    return this.spreadsheet.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.k('setActiveSheet');
    this.spreadsheet.active = sheet;
    sheet.hidden = false;
    return sheet;
  }
  /** The selection: the last range activated, else A1 of the active sheet. */
  getActiveRange(): FakeRange {
    this.k('getActiveRange');
    return this.spreadsheet.activeRangeOrA1();
  }
  getCurrentCell(): FakeRange {
    this.k('getCurrentCell');
    const r = this.spreadsheet.activeRangeOrA1();
    return new FakeRange(r.sheet, r.row, r.col, 1, 1);
  }
  setActiveRange(range: FakeRange): FakeRange {
    this.k('setActiveRange');
    this.spreadsheet.active = range.sheet;
    this.spreadsheet.activeRange = range;
    return range;
  }
  /** Writes are applied immediately here, so flush only counts. */
  flush(): void {
    this.k('flush');
  }
  newDataValidation(): FakeDataValidationBuilder {
    this.k('newDataValidation');
    return new FakeDataValidationBuilder(this.env.counters);
  }
  /** Throws inside a time-driven trigger, as the real one does. */
  getUi(): unknown {
    this.k('getUi');
    if (this.env.execution.kind === 'trigger') {
      throw new GasException('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    return this.env.ui;
  }
}

/** A created spreadsheet's id: 44 letters, digits, "-" and "_" as Google's, numbered so a test can repeat it. */
export function createdId(n: number): string {
  return `1Created${String(n).padStart(6, '0')}`.padEnd(44, 'x');
}
