/**
 * Methods the runtime has a model of but the product never calls (scripts/emulator-usage.ts lists
 * them: neither the built bundle nor its conformance suite reads their names), and no test or the
 * playground uses to play the librarian. Nothing checks such a model against Google, so no test may
 * lean on it: called, they throw "not emulated". When the product starts calling one, take it off
 * this list and add a case to the conformance suite (src/diagnostics) that pins it.
 */
export const NOT_EMULATED: ReadonlySet<string> = new Set([
  // Blob
  'Blob.copyBlob',
  'Blob.getAs',
  'Blob.setBytes',
  'Blob.setContentType',
  'Blob.setDataFromString',
  // ChartOptions
  'ChartOptions.getOrDefault',
  // ClockTriggerBuilder
  'ClockTriggerBuilder.atDate',
  // console
  'console.debug',
  'console.info',
  // DataValidationBuilder
  'DataValidationBuilder.requireDateBefore',
  'DataValidationBuilder.requireDateBetween',
  'DataValidationBuilder.requireDateEqualTo',
  'DataValidationBuilder.requireDateNotBetween',
  'DataValidationBuilder.requireDateOnOrBefore',
  'DataValidationBuilder.requireFormulaSatisfied',
  'DataValidationBuilder.requireNumberEqualTo',
  'DataValidationBuilder.requireNumberGreaterThan',
  'DataValidationBuilder.requireNumberLessThan',
  'DataValidationBuilder.requireNumberLessThanOrEqualTo',
  'DataValidationBuilder.requireNumberNotBetween',
  'DataValidationBuilder.requireNumberNotEqualTo',
  'DataValidationBuilder.requireTextContains',
  'DataValidationBuilder.requireTextDoesNotContain',
  'DataValidationBuilder.requireTextEqualTo',
  'DataValidationBuilder.requireTextIsUrl',
  'DataValidationBuilder.withCriteria',
  // DeveloperMetadata
  'DeveloperMetadata.getVisibility',
  'DeveloperMetadata.setKey',
  'DeveloperMetadata.setVisibility',
  // DeveloperMetadataFinder
  'DeveloperMetadataFinder.withId',
  'DeveloperMetadataFinder.withValue',
  'DeveloperMetadataFinder.withVisibility',
  // EmbeddedChart
  'EmbeddedChart.getTransposeRowsAndColumns',
  // EmbeddedChartBuilder
  'EmbeddedChartBuilder.asAreaChart',
  'EmbeddedChartBuilder.asBarChart',
  'EmbeddedChartBuilder.asColumnChart',
  'EmbeddedChartBuilder.asLineChart',
  'EmbeddedChartBuilder.getContainer',
  'EmbeddedChartBuilder.removeRange',
  'EmbeddedChartBuilder.setLegendPosition',
  'EmbeddedChartBuilder.setTransposeRowsAndColumns',
  // HtmlOutput
  'HtmlOutput.asTemplate',
  'HtmlOutput.getFaviconUrl',
  // HtmlTemplate
  'HtmlTemplate.getCodeWithComments',
  'HtmlTemplate.getRawContent',
  // LockService
  'LockService.getUserLock',
  // Protection
  'Protection.addEditors',
  'Protection.canDomainEdit',
  'Protection.getUnprotectedRanges',
  'Protection.removeEditor',
  'Protection.setDomainEdit',
  'Protection.setRange',
  'Protection.setUnprotectedRanges',
  // Range
  'Range.breakApart',
  'Range.clearNote',
  'Range.copyTo',
  'Range.getFontColor',
  'Range.getFontSize',
  'Range.getFontStyle',
  'Range.getGridId',
  'Range.getHorizontalAlignment',
  'Range.getNotes',
  'Range.getWrap',
  'Range.insertCheckboxes',
  'Range.isBlank',
  'Range.mergeAcross',
  'Range.removeCheckboxes',
  'Range.setBorder',
  'Range.setFontColors',
  'Range.setFontLine',
  'Range.setFontSize',
  'Range.setFormulas',
  'Range.setHorizontalAlignments',
  'Range.setWrapStrategy',
  'Range.setWraps',
  // ScriptApp
  'ScriptApp.getAuthorizationInfo',
  'ScriptApp.getIdentityToken',
  'ScriptApp.getInstallationSource',
  'ScriptApp.invalidateAuth',
  'ScriptApp.requireAllScopes',
  'ScriptApp.requireScopes',
  // Sheet
  'Sheet.autoResizeColumn',
  'Sheet.autoResizeRows',
  'Sheet.clearContents',
  'Sheet.clearFormats',
  'Sheet.clearNotes',
  'Sheet.getSheetValues',
  'Sheet.getType',
  'Sheet.hideRows',
  'Sheet.insertColumnAfter',
  'Sheet.insertColumns',
  'Sheet.insertRowAfter',
  'Sheet.setRowHeight',
  'Sheet.showColumns',
  'Sheet.showRows',
  // Spreadsheet
  'Spreadsheet.moveActiveSheet',
  // SpreadsheetTriggerBuilder
  'SpreadsheetTriggerBuilder.onFormSubmit',
  // TextFinder
  'TextFinder.findPrevious',
  'TextFinder.ignoreDiacritics',
  'TextFinder.replaceWith',
  'TextFinder.startFrom',
  // Ui
  'Ui.createAddonMenu',
  'Ui.showModelessDialog',
  // User
  'User.getUserLoginId',
  // Utilities
  'Utilities.base64DecodeWebSafe',
  'Utilities.computeHmacSha256Signature',
  'Utilities.computeHmacSignature',
]);

/** The error a not-emulated method throws (a plain Error: no script could meet it on Google). */
export function notEmulated(name: string): Error {
  return new Error(
    `emulator: ${name} is not emulated: the product never calls it, so nothing checks its model against Google (scripts/emulator-usage.ts)`,
  );
}
