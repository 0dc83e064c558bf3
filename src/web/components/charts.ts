// The chart components and their styles. Only lazy pages import this module, so recharts and the
// chart CSS load with the first page that draws a chart, never with the app shell.
import '@mantine/charts/styles.css';

export { BarChart, CompositeChart, LineChart } from '@mantine/charts';
export { Rectangle } from 'recharts';
export type { RectangleProps } from 'recharts';
