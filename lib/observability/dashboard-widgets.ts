/**
 * The pieces of a CloudWatch dashboard body, as plain objects in the documented structure:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */

/** Rendering options of one metric or expression line of a graph. */
export interface MetricLineOptions {
  /** Statistic of this line, when not the widget's, e.g. `p99`. */
  readonly stat?: string;
  /** Legend of the line. */
  readonly label?: string;
  /** Id for expressions to refer to (a lowercase letter first). */
  readonly id?: string;
  /** Hidden lines feed expressions only. */
  readonly visible?: boolean;
}

/** A metric line, `[namespace, metric name, dimension name, dimension value, ..., options]`. */
export type MetricLine = (string | MetricLineOptions)[];

/** An expression line, `[{ expression, label, id }]`. */
export type ExpressionLine = [{ readonly expression: string; readonly label: string; readonly id: string }];

/** One widget of the dashboard. */
export interface Widget {
  /** A graph, an alarm status list, or Markdown. */
  readonly type: 'metric' | 'alarm' | 'text';
  /** Column, 0-23, set by {@link layOut}. */
  readonly x?: number;
  /** Row, set by {@link layOut}. */
  readonly y?: number;
  /** Columns, 1-24. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** What the widget shows, as CloudWatch defines it for its type. */
  readonly properties: Record<string, unknown>;
}

/** Columns of the dashboard grid. */
export const GRID_COLUMNS = 24;
/** Width and height of one graph: three side by side. */
const GRAPH = { width: 8, height: 6 };

/** A metric line: namespace, name, the dimensions in order, then the options when there are any. */
export function metricLine(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  options: MetricLineOptions = {},
): MetricLine {
  const line: MetricLine = [namespace, metricName, ...Object.entries(dimensions).flat()];
  return Object.keys(options).length > 0 ? [...line, options] : line;
}

/** An expression line over lines that have an `id`. */
export function expressionLine(id: string, expression: string, label: string): ExpressionLine {
  return [{ expression, label, id }];
}

/** Props of {@link graph}. */
export interface GraphSpec {
  /** Title above the graph. */
  readonly title: string;
  /** Region the metrics live in. */
  readonly region: string;
  /** The lines. */
  readonly metrics: (MetricLine | ExpressionLine)[];
  /** Statistic of every line that does not set its own. */
  readonly stat: string;
  /** Label of the left axis, e.g. `%` or `seconds`. @default none */
  readonly unit?: string;
  /** Upper bound of the left axis, e.g. 100 for percentages. @default scales with the data */
  readonly max?: number;
  /** Seconds per datapoint. @default 60 */
  readonly period?: number;
}

/** A time-series graph, 8 columns wide, its left axis from 0. */
export function graph(spec: GraphSpec): Widget {
  return {
    type: 'metric',
    ...GRAPH,
    properties: {
      title: spec.title,
      view: 'timeSeries',
      stacked: false,
      region: spec.region,
      stat: spec.stat,
      period: spec.period ?? 60,
      metrics: spec.metrics,
      yAxis: {
        left: {
          min: 0,
          ...(spec.max !== undefined ? { max: spec.max } : {}),
          ...(spec.unit !== undefined ? { label: spec.unit, showUnits: false } : {}),
        },
      },
    },
  };
}

/** A full-width line of Markdown: the heading of a section. */
export function heading(markdown: string, height = 1): Widget {
  return { type: 'text', width: GRID_COLUMNS, height, properties: { markdown } };
}

/** The state of each alarm, those in ALARM first, full width. */
export function alarmStatus(title: string, alarmArns: string[]): Widget {
  return {
    type: 'alarm',
    width: GRID_COLUMNS,
    height: 4,
    properties: { title, alarms: alarmArns, sortBy: 'stateUpdatedTimestamp' },
  };
}

/**
 * Places the widgets left to right, starting a new row when one does not fit; explicit
 * positions, so the layout does not depend on how the console fills gaps.
 */
export function layOut(widgets: Widget[]): Widget[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((widget) => {
    if (x + widget.width > GRID_COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...widget, x, y };
    x += widget.width;
    rowHeight = Math.max(rowHeight, widget.height);
    return placed;
  });
}
