using BenchmarkDotNet.Running;

// Runs what --filter selects; e.g. --filter '*' --job short for a few minutes, --job dry to check they all work.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// A benchmark that throws or fails validation must fail the run, so CI's dry job catches it.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
