/**
 * The /stats chart: the report's figures as bar charts, described in Vega-Lite, rendered to
 * SVG by Vega without a browser, and to PNG by resvg. Everything runs in-process, offline.
 */
import { Resvg } from '@resvg/resvg-js';
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { FeedbackFigure, Figure, StatsReport } from './report.js';

const FONT = 'DejaVu Sans';
const WIDTH = 520;

function bars(title: string, figures: Figure[], color: string) {
  return {
    title,
    width: WIDTH,
    height: { step: 22 },
    data: { values: figures.length > 0 ? figures : [{ label: 'none yet', count: 0 }] },
    mark: { type: 'bar' as const, color },
    encoding: {
      y: { field: 'label', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 340 } },
      x: { field: 'count', type: 'quantitative' as const, title: null, axis: { tickMinStep: 1, format: 'd' } },
    },
  };
}

function feedbackBars(title: string, figures: FeedbackFigure[]) {
  const values = figures.flatMap((f) => [
    { label: f.label, rating: 'helpful', count: f.helpful },
    { label: f.label, rating: 'not helpful', count: f.notHelpful },
  ]);
  return {
    title,
    width: WIDTH,
    height: { step: 22 },
    data: { values: values.length > 0 ? values : [{ label: 'no ratings yet', rating: 'helpful', count: 0 }] },
    mark: { type: 'bar' as const },
    encoding: {
      y: { field: 'label', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 340 } },
      x: { field: 'count', type: 'quantitative' as const, title: null, axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'rating',
        type: 'nominal' as const,
        title: null,
        scale: { domain: ['helpful', 'not helpful'], range: ['#2d7d46', '#d83c3e'] },
        legend: { orient: 'bottom' },
      },
    },
  };
}

export function chartSpec(report: StatsReport): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Kratom Guide: last ${report.days} days in ${report.scope}`,
      subtitle: `${report.firstDay} to ${report.lastDay} (UTC)`,
      fontSize: 16,
    },
    background: 'white',
    padding: 16,
    config: { font: FONT, view: { stroke: null }, title: { anchor: 'start' } },
    vconcat: [
      bars(`Questions by answer kind (${report.totalQuestions})`, report.questions, '#5865f2'),
      bars('Sections answered most', report.sections, '#2d7d46'),
      bars('Not-covered topics asked most', report.topics, '#99aab5'),
      bars(
        'Crises and alerts',
        [
          { label: 'crisis replies', count: report.crises },
          { label: 'alerts sent', count: report.alerts },
        ],
        '#d83c3e',
      ),
      feedbackBars('Feedback per section', report.feedbackBySection),
    ],
  };
}

export async function chartSvg(report: StatsReport): Promise<string> {
  const view = new View(parse(compile(chartSpec(report)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as a PNG image (2× scale, for sharp text on phones). */
export async function chartPng(report: StatsReport): Promise<Buffer> {
  const svg = await chartSvg(report);
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: FONT } });
  return resvg.render().asPng();
}
