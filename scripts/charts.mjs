// The chart library the pages load: Chart.js with only the parts corelab draws (scatter and bar
// charts with error bars, linear, logarithmic and category scales, legend and tooltip), bundled
// by esbuild into pkg/vendor/chartjs.js at build time. Chart.js's UMD build registers every chart
// type and plugin: 62 kB of brotli, the largest file of the page.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, LogarithmicScale,
  PointElement, ScatterController, Tooltip,
} from 'chart.js';
import {
  BarWithErrorBar, BarWithErrorBarsController, PointWithErrorBar, ScatterWithErrorBarsController,
} from 'chartjs-chart-error-bars';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineElement, LogarithmicScale,
  PointElement, ScatterController, Tooltip, BarWithErrorBar, BarWithErrorBarsController, PointWithErrorBar,
  ScatterWithErrorBarsController);

export { Chart };
