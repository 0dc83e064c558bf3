// The Pareto chart's component and the chart styles; only the lazy losses page imports this module,
// so recharts loads with it and never with the app shell.
import '@mantine/charts/styles.css';

export { CompositeChart } from '@mantine/charts';
