using System.Globalization;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.Tests.Core.Media;

namespace TimeToken.Tests.Core.Hostile;

/// <summary>
/// The hostile URL corpus: every request is sent byte for byte to the gate on Kestrel. Groups carry the pitfall
/// number (peers-and-pitfalls.md §3) they replay.
/// </summary>
internal static class HostileCorpus
{
    public const string Alpha = "vault/alpha.bin";
    public const string Beta = "vault/beta.bin";

    public static IReadOnlyList<HostileCase> Build(HostileMediaSite site)
    {
        var cases = new List<HostileCase>();
        var alpha = site.Token(Alpha);
        var beta = site.Token(Beta);
        var secret = site.Token("secret.txt");
        var publicFile = "/media/" + HostileMediaSite.PublicFile;

        // Controls: the corpus proves nothing unless valid links and the public folder do work.
        cases.Add(new("control", "GET", $"/media/{Alpha}?tt={alpha}", Expect.Served, Alpha));
        cases.Add(new("control", "HEAD", $"/media/{Alpha}?tt={alpha}", Expect.Served, Alpha));
        cases.Add(new("control", "GET", "/media/secret.txt?tt=" + secret, Expect.Served, "secret.txt"));
        cases.Add(new("control", "GET", publicFile, Expect.Served));

        AddTraversal(cases, alpha);
        AddPublicPrefixTricks(cases, alpha);
        AddParameterSmuggling(cases, alpha);
        AddMovedTokens(cases, site, alpha, beta, secret);
        AddExpiry(cases, site);
        AddIssueTimeTokens(cases, site, alpha);
        AddMalformedTokens(cases, site, alpha);
        AddOverLong(cases, alpha);
        AddUnicode(cases, alpha);
        AddControlCharacters(cases, alpha);
        AddMethods(cases, alpha);
        AddRanges(cases, alpha);
        AddHostAndPrefix(cases, alpha);
        return cases;
    }

    /// <summary>S7: dot segments and separators in every encoding, with and without a public/ prefix, aimed at protected files.</summary>
    private static void AddTraversal(List<HostileCase> cases, string alphaToken)
    {
        string[] dots = ["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "%25252e%25252e", "%c0%ae%c0%ae", "%e0%80%ae%e0%80%ae", "%ef%bc%8e%ef%bc%8e", "%e2%80%a4%e2%80%a4", "%u002e%u002e", "...", ". .", "..%00", "..%20"];
        string[] separators = ["/", "%2f", "%2F", "%5c", "\\", "%252f", "%c0%af", "%ef%bc%8f", "%e2%88%95", "%5c%5c"];
        foreach (var dot in dots)
        {
            foreach (var separator in separators)
            {
                cases.Add(new("S07", "GET", $"/media/public/{dot}{separator}secret.txt", Expect.Denied));
            }
        }

        // Deeper and mixed forms; a token for another file must not help.
        foreach (var target in new[]
        {
            "public/hello.txt/../../secret.txt", "public/./../secret.txt", "public//../secret.txt", "public/..;/secret.txt",
            "public/x/../../vault/alpha.bin", "public/%2e%2e/%2e%2e/media/secret.txt", "public/../../../etc/passwd",
            "public/..%2f..%2f..%2fetc%2fpasswd", "public/%252e%252e%252fsecret.txt", "public%2f..%2fsecret.txt",
            "public%5c..%5csecret.txt", "public/../vault/./alpha.bin", "vault/../public/../vault/alpha.bin",
        })
        {
            cases.Add(new("S07", "GET", "/media/" + target, Expect.Denied));
            // Kestrel removes plain dot segments before the application sees the path (RFC 3986 §5.2.4), so a target
            // that resolves to the file the token was made for may be served: that file only.
            var resolvesToAlpha = target.EndsWith("alpha.bin", StringComparison.Ordinal);
            cases.Add(new("S07", "GET", "/media/" + target + "?tt=" + alphaToken, resolvesToAlpha ? Expect.Any : Expect.Denied, resolvesToAlpha ? Alpha : null));
        }
    }

    /// <summary>S7: names that start like the public folder without being in it.</summary>
    private static void AddPublicPrefixTricks(List<HostileCase> cases, string alphaToken)
    {
        foreach (var target in new[]
        {
            "publicly.txt", "publicfile.txt", "public-archive/old.txt", "public%2darchive/old.txt", "Public/../publicly.txt",
            "PUBLIC/../secret.txt", "public./../secret.txt", "public%00/../secret.txt", "public%20/../secret.txt",
            "%70ublic/../secret.txt", "%70%75%62%6c%69%63/..%2fsecret.txt", "public;/../secret.txt", "public%3b/../secret.txt",
            "%ef%bd%90ublic/../secret.txt", "public%e2%80%8b/../secret.txt", "publi%63/%2e%2e/secret.txt", " public/../secret.txt",
            "public%2fpublicly.txt", "public%5cpublicly.txt", "./public/../publicly.txt",
        })
        {
            cases.Add(new("S07", "GET", "/media/" + target, Expect.Denied));
        }

        cases.Add(new("S07", "GET", "/media/public-archive/old.txt?tt=" + alphaToken, Expect.Refused));
    }

    /// <summary>S6: duplicate, array, empty and case-variant token parameters, even around a valid token.</summary>
    private static void AddParameterSmuggling(List<HostileCase> cases, string valid)
    {
        var path = "/media/" + Alpha;
        foreach (var query in new[]
        {
            $"tt={valid}&tt={valid}", $"tt={valid}&tt=x", $"tt=x&tt={valid}", $"tt={valid}&tt=", $"tt=&tt={valid}", $"tt={valid}&tt",
            $"tt&tt={valid}", $"tt[]={valid}", $"tt[0]={valid}", $"tt%5B%5D={valid}", $"tt[]=x&tt={valid}", $"tt={valid}&tt[]=",
            $"tt={valid}&TT={valid}", $"TT={valid}", $"Tt={valid}", $"tT={valid}", $"tt={valid}&Tt=x", $"%54T={valid}",
            $"tt={valid}&%74%74={valid}", "tt=", "tt", "tt=&", "&tt=&", "=", "tt==", $"tt=={valid}", $"tt={valid};tt=x",
            $"tt={valid}%26tt%3Dx", $"tt={valid},{valid}", $"tt={valid}%20", $"tt=%20{valid}", $"tt={valid}%00", $"tt[{valid}]=1",
            $"tt.x={valid}", "x=1", string.Empty,
        })
        {
            cases.Add(new("S06", "GET", query.Length == 0 ? path : path + "?" + query, Expect.Refused));
        }

        // One token with a harmless encoded name or extra parameters is still that token: served, and only that file.
        cases.Add(new("S06", "GET", $"{path}?%74t={valid}", Expect.Served, Alpha));
        cases.Add(new("S06", "GET", $"{path}?a=1&tt={valid}&b=2", Expect.Served, Alpha));
        cases.Add(new("S06", "GET", $"{path}?&&tt={valid}&&", Expect.Served, Alpha));
    }

    /// <summary>S4 and S13: tokens moved between paths, versions of a file and purposes.</summary>
    private static void AddMovedTokens(List<HostileCase> cases, HostileMediaSite site, string alpha, string beta, string secret)
    {
        foreach (var (target, token) in new[]
        {
            (Beta, alpha), (Alpha, beta), ("secret.txt", alpha), (Alpha, secret), ("vault/ALPHA.bin", alpha), ("Vault/alpha.bin", alpha),
            ("vault/alpha.bin/", alpha), ("vault//alpha.bin", alpha), ("vault/alpha.bin%20", alpha), ("vault/alpha.bin.", alpha),
            ("vault/alpha.bin::$DATA", alpha), ("vault/alpha.bi", alpha), ("vault/alpha.binx", alpha), ("alpha.bin", alpha),
            ("vault%2falpha.bin", alpha), ("vault/alpha.bin%00", alpha), ("publicly.txt", alpha), ("vault/alpha.bin;x", alpha),
        })
        {
            cases.Add(new("S04", "GET", $"/media/{target}?tt={token}", Expect.Denied));
        }

        // Versions: the same path signed for what the file was (or could be) at another time or length.
        var version = site.Version(Alpha);
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var seconds = long.Parse(version[..dash], CultureInfo.InvariantCulture);
        var length = long.Parse(version[(dash + 1)..], CultureInfo.InvariantCulture);
        foreach (var other in new[]
        {
            $"{seconds - 1}-{length}", $"{seconds + 1}-{length}", $"{seconds}-{length - 1}", $"{seconds}-{length + 1}", $"{seconds}-0",
            $"0-{length}", string.Empty, $"{seconds}{length}", $"{seconds}-{length}-", "1-1",
        })
        {
            cases.Add(new("S04", "GET", $"/media/{Alpha}?tt={site.Forge(Alpha, version: other)}", Expect.Refused));
        }

        // Purposes: a token for an upload slot, over the same path and version, never opens media.
        cases.Add(new("S13", "GET", $"/media/{Alpha}?tt={site.Forge(Alpha, TokenPurpose.Upload)}", Expect.Refused));
        cases.Add(new("S13", "GET", $"/media/{Alpha}?tt={site.Forge(Alpha, TokenPurpose.Upload, version: string.Empty)}", Expect.Refused));
        cases.Add(new("S13", "HEAD", $"/media/{Alpha}?tt={site.Forge(Alpha, TokenPurpose.Upload)}", Expect.Refused));
        cases.Add(new("S13", "GET", $"/media/secret.txt?tt={site.Forge("secret.txt", TokenPurpose.Upload)}", Expect.Refused));
    }

    /// <summary>S8: expired, boundary, far-future and non-numeric expiries, all with correct MACs where the shape allows.</summary>
    private static void AddExpiry(List<HostileCase> cases, HostileMediaSite site)
    {
        var now = site.Now;
        var latest = now + 3600 + 300;
        foreach (var expiry in new[] { now - 1, now, now - 86_400, 1, latest + 1, latest + 3600, now + (10L * 365 * 86_400), 253_402_300_799, 99_999_999_999 })
        {
            cases.Add(new("S08", "GET", $"/media/{Alpha}?tt={site.Forge(Alpha, expiry: expiry)}", Expect.Refused));
        }

        var valid = site.Forge(Alpha);
        var parts = valid.Split('.');
        foreach (var expiry in new[]
        {
            "abc", "1e10", "-5", "+5", "0", "0" + parts[1], "1.5", "9999999999999", "999999999999999999999", "%20" + parts[1],
            "%d9%a1%d9%a2%d9%a3", "%ef%bc%91%ef%bc%97%ef%bc%90%ef%bc%90", parts[1] + "%00", "0x10", "", "NaN", "-0", "1_700_000_000",
        })
        {
            cases.Add(new("S08", "GET", $"/media/{Alpha}?tt={parts[0]}.{expiry}.{parts[2]}", Expect.Refused));
        }
    }

    /// <summary>
    /// S21: links made before a file's version was known (<c>{key}.{expiry}.{issuedAt}.{mac}</c>, purpose
    /// <c>media-at-v1</c>) for files written after their issue time, moved, altered, or passed off as versioned tokens.
    /// The corpus' files were written after the site's clock (it starts in the past), so every such link is late.
    /// </summary>
    private static void AddIssueTimeTokens(List<HostileCase> cases, HostileMediaSite site, string alpha)
    {
        var now = site.Now;
        var expiry = site.DefaultExpiry;
        var issued = TokenSigner.SignIssuedAt(site.ActiveKey, Alpha, now, expiry);
        var issuedParts = issued.Split('.');
        var alphaParts = alpha.Split('.');
        foreach (var token in new[]
        {
            issued,
            TokenSigner.SignIssuedAt(site.ActiveKey, Beta, now, expiry),
            $"{issuedParts[0]}.{issuedParts[1]}.{now + 1}.{issuedParts[3]}",
            $"{issuedParts[0]}.{issuedParts[1]}.{now - 1}.{issuedParts[3]}",
            $"{issuedParts[0]}.{issuedParts[1]}.0{now}.{issuedParts[3]}",
            $"{issuedParts[0]}.{issuedParts[1]}.{expiry}.{issuedParts[3]}",
            $"{issuedParts[0]}.{issuedParts[1]}.{issuedParts[3]}",
            $"{alphaParts[0]}.{alphaParts[1]}.{now}.{alphaParts[2]}",
            $"{alphaParts[0]}.{alphaParts[1]}.1.{alphaParts[2]}",
            site.Forge(Alpha, TokenPurpose.MediaIssuedAt, version: now.ToString(CultureInfo.InvariantCulture)),
            site.Forge(Alpha, TokenPurpose.Media, version: now.ToString(CultureInfo.InvariantCulture)),
        })
        {
            cases.Add(new("S21", "GET", $"/media/{Alpha}?tt={token}", Expect.Refused));
            cases.Add(new("S21", "HEAD", $"/media/{Alpha}?tt={token}", Expect.Refused));
        }
    }

    /// <summary>S1, S2: truncated, padded, re-encoded and non-base64 MACs; unknown and retired key ids.</summary>
    private static void AddMalformedTokens(List<HostileCase> cases, HostileMediaSite site, string valid)
    {
        var parts = valid.Split('.');
        var mac = parts[2];
        var flipped = (mac[0] == 'A' ? 'B' : 'A') + mac[1..];
        foreach (var newMac in new[]
        {
            mac[..^1], mac[..^2], mac[..20], mac + "A", mac + "=", mac + "==", mac + "%3D", flipped, mac[..^1] + (mac[^1] == 'A' ? 'B' : 'A'),
            mac.Replace('-', '+').Replace('_', '/') + "x", mac.ToUpperInvariant(), mac.ToLowerInvariant(), "%41" + mac[1..], mac[..21] + "%20" + mac[22..],
            mac[..21] + "!" + mac[22..], mac[..21] + "%00" + mac[22..], new string('A', 43), new string('_', 43), string.Empty, mac + mac,
            Convert.ToBase64String(new byte[32]),
        })
        {
            cases.Add(new("S01", "GET", $"/media/{Alpha}?tt={parts[0]}.{parts[1]}.{newMac}", Expect.Refused));
        }

        foreach (var token in new[]
        {
            valid[..^1], valid + ".", "." + valid, valid.Replace('.', '~'), valid.Replace(".", "%2e", StringComparison.Ordinal), parts[1] + "." + mac,
            parts[0] + "." + mac, valid + "." + parts[1],
        })
        {
            cases.Add(new("S01", "GET", $"/media/{Alpha}?tt={token}", token.Contains("%2e", StringComparison.Ordinal) ? Expect.Any : Expect.Refused, token.Contains("%2e", StringComparison.Ordinal) ? Alpha : null));
        }

        // Key ids: unknown, case-changed, wrong shape, and a retired key past its grace period (correct MAC).
        var unknown = new SigningKey("unknown1", new byte[SigningKey.KeySizeInBytes], MediaSite.Start);
        var upper = string.Equals(parts[0].ToUpperInvariant(), parts[0], StringComparison.Ordinal) ? parts[0].ToLowerInvariant() : parts[0].ToUpperInvariant();
        foreach (var token in new[]
        {
            site.Forge(Alpha, key: unknown), site.Forge(Alpha, key: site.RetiredKey), $"{upper}.{parts[1]}.{mac}", $"{parts[0][..7]}.{parts[1]}.{mac}",
            $"{parts[0]}x.{parts[1]}.{mac}", $"{parts[0][..7]}%00.{parts[1]}.{mac}", $"{parts[0][..7]}!.{parts[1]}.{mac}", $"........{parts[1]}.{mac}",
        })
        {
            cases.Add(new("S02", "GET", $"/media/{Alpha}?tt={token}", Expect.Refused));
        }
    }

    /// <summary>S11: over-long paths, segments and query strings.</summary>
    private static void AddOverLong(List<HostileCase> cases, string alpha)
    {
        cases.Add(new("S11", "GET", "/media/" + new string('a', MediaPath.MaxLength + 1), Expect.Denied));
        cases.Add(new("S11", "GET", "/media/vault/" + new string('b', 4000) + "/../alpha.bin", Expect.Denied));
        cases.Add(new("S11", "GET", "/media/" + string.Concat(Enumerable.Repeat("a/", 600)) + "x", Expect.Denied));
        cases.Add(new("S11", "GET", "/media/" + new string('c', 20_000), Expect.Denied));
        cases.Add(new("S11", "GET", $"/media/{Alpha}?tt={alpha}&pad=" + new string('p', 7000), Expect.Any, Alpha));
        cases.Add(new("S11", "GET", $"/media/{Alpha}?pad=" + new string('p', 7000) + "&tt=x", Expect.Refused));
        cases.Add(new("S11", "GET", $"/media/{Alpha}?tt=" + new string('A', 10_000), Expect.Denied));
        cases.Add(new("S11", "GET", $"/media/{Alpha}?" + string.Concat(Enumerable.Repeat("tt=x&", 1000)), Expect.Refused));
        cases.Add(new("S11", "GET", $"/media/{Alpha}?tt={alpha}&" + string.Concat(Enumerable.Repeat("a=1&", 1500)), Expect.Any, Alpha));
    }

    /// <summary>S7: Unicode look-alikes and normalisation forms of protected names.</summary>
    private static void AddUnicode(List<HostileCase> cases, string alpha)
    {
        foreach (var target in new[]
        {
            "v%d0%b0ult/alpha.bin", "vault/%ce%b1lpha.bin", "%ef%bd%96ault/alpha.bin", "vault%ef%bc%8falpha.bin", "vault%e2%88%95alpha.bin",
            "vault%e2%81%84alpha.bin", "vault/alpha%e2%80%a4bin", "vault/alpha.bin%e2%80%8b", "vault/alpha.bin%ef%bb%bf", "%e2%80%aevault/alpha.bin",
            "vault/alpha.bin%cc%81", "vault/a%cc%8alpha.bin", "s%c3%a9cret.txt", "secret%ef%bc%8etxt", "odd/cafe%cc%81.txt", "%ef%bc%8e%ef%bc%8e/media/secret.txt",
            "public%ef%bc%8f..%ef%bc%8fsecret.txt", "public/%ef%b9%92%ef%b9%92/secret.txt", "vault/alpha.bin%ed%a0%80", "vault/%f0%9f%98%80/alpha.bin",
        })
        {
            cases.Add(new("S07", "GET", $"/media/{target}?tt={alpha}", Expect.Denied));
        }
    }

    /// <summary>S7: NUL and control characters, encoded and raw, in the path and around the token.</summary>
    private static void AddControlCharacters(List<HostileCase> cases, string alpha)
    {
        foreach (var code in new[] { "%00", "%01", "%09", "%0a", "%0d", "%0d%0a", "%1b", "%1f", "%7f", "%c2%80", "%c2%85", "%c2%9f", "%e2%80%a8", "%e2%80%a9" })
        {
            cases.Add(new("S07", "GET", $"/media/vault/alpha.bin{code}?tt={alpha}", Expect.Denied));
            cases.Add(new("S07", "GET", $"/media/public/{code}/../secret.txt", Expect.Denied));
        }

        foreach (var raw in new[] { "\0", "\u0001", "\t", "\u007f", "\u0080", "\u00ff", "\r" })
        {
            cases.Add(new("S07", "GET", $"/media/vault/alpha.bin{raw}?tt={alpha}", Expect.Denied));
            cases.Add(new("S07", "GET", $"/media/public/{raw}../secret.txt", Expect.Denied));
        }
    }

    /// <summary>S5: methods other than GET and HEAD pass the gate, and StaticFiles must not serve bytes for them.</summary>
    private static void AddMethods(List<HostileCase> cases, string alpha)
    {
        foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECTX", "BREW", "SEARCH", "QUERY" })
        {
            cases.Add(new("S05", method, "/media/secret.txt", Expect.Any, Headers: "Content-Length: 0\r\n"));
            cases.Add(new("S05", method, $"/media/{Alpha}?tt={alpha}", Expect.Any, Headers: "Content-Length: 0\r\n"));
        }

        cases.Add(new("S05", "POST", "/media/secret.txt", Expect.Any, Headers: "X-HTTP-Method-Override: GET\r\nContent-Length: 0\r\n"));
        cases.Add(new("S05", "POST", "/media/secret.txt", Expect.Any, Headers: "X-HTTP-Method: GET\r\nX-Method-Override: GET\r\nContent-Length: 0\r\n"));

        // Case variants of GET and HEAD are still GET and HEAD to every layer, so they are gated.
        foreach (var method in new[] { "get", "Get", "gEt", "head", "HeAd" })
        {
            cases.Add(new("S05", method, "/media/secret.txt", Expect.Denied));
        }
    }

    /// <summary>S11: many, overlapping and reversed ranges; fine on a valid link, refused on an invalid one.</summary>
    private static void AddRanges(List<HostileCase> cases, string alpha)
    {
        var many = "bytes=" + string.Join(",", Enumerable.Range(0, 1500).Select(i => $"{i}-{i}"));
        var overlapping = "bytes=" + string.Join(",", Enumerable.Range(0, 500).Select(_ => "0-4000"));
        foreach (var range in new[]
        {
            many, overlapping, "bytes=5-1", "bytes=-0", "bytes=0-", "bytes=-1", "bytes=0-0,-1", "bytes=100-200,150-250,0-", "bytes=4000-100",
            "bytes=99999999-", "bytes=0-99999999999999999999999", "bytes=-99999999999999999999", "bytes=--1", "bytes=a-b", "bytes=", "items=0-1",
            "bytes=0-1,,,,,,2-3", "bytes=1-2\r\nRange: bytes=3-4",
        })
        {
            cases.Add(new("S11", "GET", $"/media/{Alpha}?tt={alpha}", Expect.Served, Alpha, $"Range: {range}\r\n"));
            cases.Add(new("S11", "GET", $"/media/{Alpha}?tt=x{alpha}", Expect.Refused, Headers: $"Range: {range}\r\n"));
        }

        cases.Add(new("S11", "GET", $"/media/{Alpha}?tt={alpha}", Expect.Served, Alpha, "Range: bytes=0-1\r\nIf-Range: \"nope\"\r\n"));
        cases.Add(new("S11", "HEAD", $"/media/{Alpha}?tt={alpha}", Expect.Served, Alpha, $"Range: {many}\r\n"));
    }

    /// <summary>S9 and prefix forms: absolute-form targets, odd Host headers, the media prefix itself encoded or re-cased.</summary>
    private static void AddHostAndPrefix(List<HostileCase> cases, string alpha)
    {
        cases.Add(new("S09", "GET", "http://evil.example/media/secret.txt", Expect.Denied));
        cases.Add(new("S09", "GET", $"http://evil.example/media/{Alpha}?tt={alpha}", Expect.Any, Alpha));
        cases.Add(new("S09", "GET", "/media/secret.txt", Expect.Denied, Headers: "X-Forwarded-Host: evil.example\r\nX-Original-URL: /media/public/hello.txt\r\n"));
        cases.Add(new("S09", "GET", "/media/public/hello.txt", Expect.Any, Headers: "X-Original-URL: /media/secret.txt\r\nX-Rewrite-URL: /media/secret.txt\r\n"));
        foreach (var target in new[]
        {
            "/MEDIA/secret.txt", "/Media/secret.txt", "//media/secret.txt", "/./media/secret.txt", "/x/../media/secret.txt", "/%6dedia/secret.txt",
            "/media%2fsecret.txt", "/media%2Fpublic%2F..%2Fsecret.txt", "/media;x/secret.txt", "/media/./secret.txt", "/media/secret.txt/",
            "/media/secret.txt#frag", "/media/secret.txt?", "/media", "/media/", "*", "/media/public/../secret.txt%23",
        })
        {
            cases.Add(new("S07", "GET", target, Expect.Any));
        }
    }
}
