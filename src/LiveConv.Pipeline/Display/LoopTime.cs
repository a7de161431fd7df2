namespace LiveConv.Pipeline.Display;

/// <summary>What one tick of the <see cref="DisplayLoop"/> knows about time, as a game engine's GameTime does.</summary>
/// <param name="Total">Since <see cref="ILoopGame.Initialize"/>.</param>
/// <param name="Elapsed">Since the previous tick began.</param>
/// <param name="IsRunningSlowly">Several ticks in a row took longer than the target interval.</param>
public readonly record struct LoopTime(TimeSpan Total, TimeSpan Elapsed, bool IsRunningSlowly);
