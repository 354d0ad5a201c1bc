using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Stats;

public sealed class IdentityKeysTests
{
    [Theory]
    [InlineData("Here Comes the Sun - Remastered 2009")]
    [InlineData("Here Comes The Sun - 2009 Remaster")]
    [InlineData("Here Comes the Sun (Remastered)")]
    [InlineData("Here Comes the Sun [2009 Remastered Version]")]
    [InlineData("Here Comes the Sun - Digitally Remastered")]
    [InlineData("HERE COMES THE SUN")]
    [InlineData("  Here   Comes the Sun ")]
    public void Remastered_and_respelled_titles_share_the_original_song_key(string title)
    {
        Assert.Equal(
            IdentityKeys.Track("The Beatles", "Here Comes the Sun"),
            IdentityKeys.Track("The Beatles", title));
    }

    [Theory]
    [InlineData("Mr. Brightside - Single Version")]
    [InlineData("Mr Brightside - Radio Edit")]
    [InlineData("Mr. Brightside (Album Version)")]
    [InlineData("Mr. Brightside - Mono")]
    [InlineData("Mr. Brightside (Explicit)")]
    [InlineData("Mr. Brightside - Original Mix")]
    [InlineData("Mr. Brightside - Remastered 2011 - Single Version")]
    public void Edition_suffixes_merge_into_one_song(string title)
    {
        Assert.Equal(IdentityKeys.Track("The Killers", "Mr. Brightside"), IdentityKeys.Track("The Killers", title));
    }

    [Theory]
    [InlineData("Creep - Live")]
    [InlineData("Creep (Acoustic)")]
    [InlineData("Creep - Remix")]
    [InlineData("Creep - 2011 Mix")]
    [InlineData("Creep (Demo)")]
    [InlineData("Creep - Extended Mix")]
    [InlineData("Creep (Instrumental)")]
    public void Other_recordings_of_a_song_stay_separate(string title)
    {
        Assert.NotEqual(IdentityKeys.Track("Radiohead", "Creep"), IdentityKeys.Track("Radiohead", title));
    }

    [Fact]
    public void Taylors_version_is_its_own_song()
    {
        Assert.NotEqual(
            IdentityKeys.Track("Taylor Swift", "Love Story"),
            IdentityKeys.Track("Taylor Swift", "Love Story (Taylor's Version)"));
    }

    [Theory]
    [InlineData("Stay (feat. Justin Bieber)")]
    [InlineData("Stay [ft. Justin Bieber]")]
    [InlineData("Stay (featuring Justin Bieber)")]
    [InlineData("Stay (with Justin Bieber)")]
    [InlineData("Stay - feat. Justin Bieber")]
    [InlineData("Stay feat. Justin Bieber")]
    [InlineData("Stay (feat. Justin Bieber) - Remastered 2021")]
    public void Featured_artist_credits_in_titles_are_ignored(string title)
    {
        Assert.Equal(IdentityKeys.Track("The Kid LAROI", "Stay"), IdentityKeys.Track("The Kid LAROI", title));
    }

    [Theory]
    [InlineData("Beyoncé", "Beyonce")]
    [InlineData("Björk", "BJORK")]
    [InlineData("Sigur Rós", "Sigur Ros")]
    [InlineData("Røyksopp", "Royksopp")]
    [InlineData("Mötley Crüe", "Motley Crue")]
    [InlineData("Jay-Z", "JAY Z")]
    [InlineData("Guns N’ Roses", "Guns N' Roses")]
    [InlineData("M.I.A.", "MIA")]
    [InlineData("Simon & Garfunkel", "Simon and Garfunkel")]
    [InlineData("Ｙｏａｓｏｂｉ", "YOASOBI")]
    [InlineData("Ελένη Φουρέιρα", "ΕΛΕΝΗ ΦΟΥΡΕΙΡΑ")]
    [InlineData("Ёлка", "Елка")]
    [InlineData("عمرو دياب", "عَمْرو دِيَاب")]
    [InlineData("Daft Punk feat. Pharrell Williams", "Daft Punk")]
    [InlineData("Calvin Harris (feat. Rihanna)", "Calvin Harris")]
    public void Spellings_of_one_artist_share_a_key(string a, string b)
    {
        Assert.Equal(IdentityKeys.Artist(a), IdentityKeys.Artist(b));
    }

    [Theory]
    [InlineData("Йорш", "Иорш")]
    [InlineData("ガガ", "カカ")]
    [InlineData("!!!", "???")]
    [InlineData("Simon & Garfunkel", "Simon")]
    [InlineData("Tyler, The Creator", "Tyler")]
    public void Different_letters_and_names_keep_different_keys(string a, string b)
    {
        Assert.NotEqual(IdentityKeys.Artist(a), IdentityKeys.Artist(b));
    }

    [Fact]
    public void Punctuation_only_names_keep_their_punctuation()
    {
        Assert.Equal("!!!", IdentityKeys.Normalize("!!!"));
    }

    [Fact]
    public void Normalized_text_keeps_its_script()
    {
        Assert.Equal("宇多田ヒカル", IdentityKeys.Normalize("宇多田ヒカル"));
        Assert.Equal("сплин", IdentityKeys.Normalize("Сплин"));
        Assert.Equal("йорш", IdentityKeys.Normalize("Йорш"));
    }

    [Theory]
    [InlineData("Remastered")]
    [InlineData("(Remastered)")]
    public void A_title_made_only_of_an_edition_word_is_kept(string title)
    {
        Assert.Equal(title, IdentityKeys.BaseTitle(title));
    }

    [Fact]
    public void Deluxe_and_remastered_album_editions_share_the_album_key()
    {
        var key = IdentityKeys.Album("Queen", "A Night At The Opera");
        Assert.Equal(key, IdentityKeys.Album("Queen", "A Night At The Opera (Deluxe Edition 2011 Remaster)"));
        Assert.Equal(key, IdentityKeys.Album("Queen", "A Night at the Opera (2011 Remaster)"));
        Assert.Equal(key, IdentityKeys.Album("Queen", "A Night at the Opera - 40th Anniversary Edition"));
    }

    [Fact]
    public void An_unknown_album_has_an_empty_key()
    {
        Assert.Equal(string.Empty, IdentityKeys.Album("Queen", null));
        Assert.Equal(string.Empty, IdentityKeys.Album("Queen", "  "));
    }

    [Fact]
    public void The_same_title_by_different_artists_is_different_songs()
    {
        Assert.NotEqual(IdentityKeys.Track("Adele", "Hello"), IdentityKeys.Track("Lionel Richie", "Hello"));
    }

    [Fact]
    public void Play_create_keys_an_export_row_like_the_api_row_of_another_edition()
    {
        var fromApi = Play.Create(
            "u1", "spotify:track:1", "Bohemian Rhapsody - Remastered 2011", "a1", "Queen", "al1",
            "A Night At The Opera (2011 Remaster)", DateTimeOffset.UnixEpoch, 354000, 354000, PlaySource.Tracked);
        var fromExport = Play.Create(
            "u1", "", "Bohemian Rhapsody", null, "Queen", null, "A Night at the Opera",
            DateTimeOffset.UnixEpoch, 0, 354000, PlaySource.Import);

        Assert.Equal(fromApi.TrackKey, fromExport.TrackKey);
        Assert.Equal(fromApi.ArtistKey, fromExport.ArtistKey);
        Assert.Equal(fromApi.AlbumKey, fromExport.AlbumKey);
    }
}
