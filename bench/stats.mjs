// Medians and spreads of repeated measurements.

export function summary(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (p) => {
    const i = (v.length - 1) * p;
    const lo = Math.floor(i), hi = Math.ceil(i);
    return v[lo] + (v[hi] - v[lo]) * (i - lo);
  };
  return { median: at(0.5), min: v[0], max: v[v.length - 1], q1: at(0.25), q3: at(0.75), n: v.length };
}
