using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace LiveConv.App.Cli;

/// <summary>
/// Options whose values System.CommandLine checks while parsing, so every mistake is a parse error reported before
/// anything is opened, in one form: <c>--frames: expected a whole number from 1, got "0"</c>.
/// </summary>
internal static class OptionRules
{
    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static Option<T?> Count<T>(string name, T min, string description, params string[] aliases)
        where T : struct, IBinaryInteger<T> => new(name, aliases)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            result.AddError($"{name}: expected a whole number from {min}, got \"{text}\"");
            return null;
        },
    };

    /// <summary>A number in (<paramref name="above"/>, <paramref name="max"/>]; <paramref name="example"/> shows the form in the error.</summary>
    public static Option<double?> Number(string name, double above, double max, string example, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > above && value <= max)
            {
                return value;
            }

            string range = double.IsFinite(max) ? $"above {above} and at most {max}" : $"above {above}";
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: expected a number {range}, e.g. {example}, got \"{text}\""));
            return null;
        },
    };

    /// <summary>One of <paramref name="values"/> (also offered as completions); the first is the default.</summary>
    public static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => values[0] };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    /// <summary>
    /// A value parsed by <paramref name="parse"/>, whose <see cref="ArgumentException"/> (or <see cref="UsageException"/>,
    /// which names the option itself) becomes the parse error; <paramref name="completions"/> are what a shell may offer.
    /// </summary>
    public static Option<T> Parsed<T>(string name, string description, Func<string, T> parse, IEnumerable<string>? completions = null)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                try
                {
                    return parse(result.Tokens[0].Value);
                }
                catch (UsageException e)
                {
                    result.AddError(e.Message);
                }
                catch (ArgumentException e)
                {
                    result.AddError($"{name}: {e.Message}");
                }

                return default!;
            },
        };
        if (completions is not null)
        {
            option.CompletionSources.Add(completions.ToArray());
        }

        return option;
    }

    /// <summary>
    /// A parse error in the user's terms. A value outside an option's choices names the option and the choices
    /// (System.CommandLine's own message names neither); a number that does not parse names the form, not a .NET type.
    /// </summary>
    public static string Describe(ParseError error)
    {
        if (error.SymbolResult is not OptionResult { Option: var option } result)
        {
            return error.Message;
        }

        string got = string.Join(' ', result.Tokens.Select(t => t.Value));
        var choices = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToArray();
        if (choices.Length > 0 && got.Length > 0 && !choices.Contains(got, StringComparer.Ordinal) && !error.Message.StartsWith(option.Name + ":", StringComparison.Ordinal))
        {
            return $"{option.Name}: expected {Alternatives(choices)}, got \"{got}\"";
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        string? expected = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) || type == typeof(float) ? "a number, e.g. 29.97"
            : null;
        if (expected is not null && !error.Message.StartsWith(option.Name + ":", StringComparison.Ordinal))
        {
            return got.Length > 0 ? $"{option.Name}: expected {expected}, got \"{got}\"" : $"{option.Name}: expected {expected}";
        }

        return error.Message;
    }

    private static string Alternatives(string[] choices) =>
        choices.Length == 1 ? choices[0] : $"{string.Join(", ", choices[..^1])} or {choices[^1]}";
}
