/** Palette close to the app theme (its own module: importing it does not load ECharts). */
export const PALETTE = ["#c8102e", "#1f5fbf", "#f5a623", "#2f9e72", "#7a4fd1", "#e8684a", "#13a8a8", "#8c8c8c"];
