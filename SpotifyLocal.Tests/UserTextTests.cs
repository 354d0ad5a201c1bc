using SpotifyLocal.Core;

namespace SpotifyLocal.Tests;

public sealed class UserTextTests
{
    [Fact]
    public void Printable_text_comes_back_as_it_is()
    {
        const string text = "Jóga – trackdone 🎵";

        Assert.Same(text, UserText.Printable(text));
    }

    [Theory]
    [InlineData("line\nbreak", "line?break")]
    [InlineData("\u001b[31mred", "?[31mred")]
    [InlineData("evil\u202Egpj.zip", "evil?gpj.zip")]
    [InlineData("isolate\u2066x\u2069", "isolate?x?")]
    [InlineData("last\0", "last?")]
    public void Control_characters_and_direction_overrides_become_question_marks(string text, string expected) =>
        Assert.Equal(expected, UserText.Printable(text));
}
