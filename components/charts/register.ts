// Registers only the Chart.js pieces the dashboard draws (tree-shaking keeps the rest out of the
// bundle) and sets the global defaults: CJK fonts, no animation (charts redraw on every filter
// change; animating them only delays the numbers).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { CJK_FONT_FAMILY } from './theme';

let registered = false;

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(
      BarController,
      BarElement,
      LineController,
      LineElement,
      PointElement,
      ScatterController,
      MatrixController,
      MatrixElement,
      CategoryScale,
      LinearScale,
      Tooltip,
      Legend,
      Title,
    );
    Chart.defaults.font.family = CJK_FONT_FAMILY;
    Chart.defaults.font.size = 12;
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    registered = true;
  }
  return Chart;
}
