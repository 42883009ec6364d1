using System.Security.Cryptography;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Tests.Crypto;

/// <summary>
/// <see cref="Aes256Gcm"/> against published answers: NIST CAVP gcmEncryptExtIV256 (Keylen 256, IVlen 96, Taglen 128),
/// one vector from each plaintext/associated-data length class the file has (plaintext 0, 13, 16, 32, 51 bytes;
/// associated data 0, 16, 20, 48, 90 bytes, so whole blocks, partial blocks and several blocks), on the managed
/// AES-NI/PCLMULQDQ path and on the AesGcm fallback, into a separate buffer and in place. .NET's AesGcm is checked on the
/// same vectors, so a transcription slip here shows up as a disagreement with it, not as a silent pass.
/// </summary>
public sealed class Aes256GcmKnownAnswerTests
{
    public static TheoryData<string, string, string, string, string, string> CavpVectors() => new()
    {
        { "b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4", "516c33929df5a3284ff463d7", "", "", "", "bdc1ac884d332457a1d2664f168c76f0" },
        {
            "78dc4e0aaf52d935c3c01eea57428f00ca1fd475f5da86a49c8dd73d68c8e223", "d79cf22d504cc793c3fb6c8a",
            "", "b96baa8c1c75a671bfb2d08d06be5f36", "", "3e5d486aa2e30b22e040b85723a06e76"
        },
        {
            "886cff5f3e6b8d0e1ad0a38fcdb26de97e8acbe79f6bed66959a598fa5047d65", "3a8efa1cd74bbab5448f9945",
            "", "519fee519d25c7a304d6c6aa1897ee1eb8c59655", "", "f6d47505ec96c98a42dc3ae719877b87"
        },
        {
            "f4069bb739d07d0cafdcbc609ca01597f985c43db63bbaaa0debbb04d384e49c", "d25ff30fdc3d464fe173e805",
            "", "3e1449c4837f0892f9d55127c75c4b25d69be334baf5f19394d2d8bb460cbf2120e14736d0f634aa792feca20e455f11", "",
            "805ec2931c2181e5bfb74fa0a975f0cf"
        },
        {
            "25a144f0fdba184125d81a87e7ed82fad33c701a094a67a81fe4692dc69afa31", "8bf575c5c2b45b4efc6746e4",
            "",
            "2a367cb0d3b7c5b8320b3cf95e82b6ba0bba1d09a2055885dedd9ef5641623682212103238b8f775cce42ddfd4f66382f2c3a5e8d6dff9163ced83580a75705574026b55db90f75f8abb3014c9a707021dedc075da38bebbf0a0",
            "", "0e2ce9cac8dfcedb0572ec6cab621efd"
        },
        {
            "31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22", "0d18e06c7c725ac9e362e1ce",
            "2db5168e932556f8089a0622981d017d", "", "fa4362189661d163fcd6a56d8bf0405a", "d636ac1bbedd5cc3ee727dc2ab4a9489"
        },
        {
            "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b", "ac93a1a6145299bde902f21a",
            "2d71bcfa914e4ac045b2aa60955fad24", "1e0889016f67601c8ebea4943bc23ad6", "8995ae2e6df3dbf96fac7b7137bae67f",
            "eca5aa77d51d4a0a14d9c51e1da474ab"
        },
        {
            "83688deb4af8007f9b713b47cfa6c73e35ea7a3aa4ecdb414dded03bf7a0fd3a", "0b459724904e010a46901cf3",
            "33d893a2114ce06fc15d55e454cf90c3", "794a14ccd178c8ebfd1379dc704c5e208f9d8424", "cc66bee423e3fcd4c0865715e9586696",
            "0fb291bd3dba94a1dfd8b286cfb97ac5"
        },
        {
            "d396941c9c59e6a7bc7d71bd56daf6eabe4bfb943151cdb9895103384b8f38b4", "f408f8c21f3825d7a87643ed",
            "dc8ad6a50812b25f1b0af70bee", "947bd9a904e03fdd2c91d038d26d48ac6e32afcad908eacd42a25f6240964656d5a493242d3f8a19119a4cd9957d9c42",
            "57e6d821079bb8a79027f30e25", "de8c26d5a3da6be24b3f6ea1e2a0f0c6"
        },
        {
            "ff9506b4d46ba54128876fadfcc673a4c927c618ea7d95cfcaa508cbc8f7fc66", "3742ad2208a0484345eee1be",
            "7fd0d6cadc92cad27bb2d7d8c8",
            "f1360a27fdc244be8739d85af6491c762a693aafe668c449515fdeeedb6a90aeee3891bbc8b69adc6a6426cb12fcdebc32c9f58c5259d128b91efa28620a3a9a0168b0ff5e76951cb41647ba4aa1f87fac0d97ac580e42cffc7e",
            "bdb8346b28eb4d7226493611a6", "7484d827b767647f44c7f94a39f8175c"
        },
        {
            "268ed1b5d7c9c7304f9cae5fc437b4cd3aebe2ec65f0d85c3918d3d3b5bba89b", "9ed9d8180564e0e945f5e5d4",
            "fe29a40d8ebf57262bdb87191d01843f4ca4b2de97d88273154a0b7d9e2fdb80", "",
            "791a4a026f16f3a5ea06274bf02baab469860abde5e645f3dd473a5acddeecfc", "05b2b74db0662550435ef1900e136b15"
        },
        {
            "de5531b50888b61d63af2210ee23f46d91a5e60312bd578584af586bf22ea756", "0fde8689b0348bbcfaa89fec",
            "80621e54eef1c92afb1f64ed860e39311eea7e2cca6f5624008c1d2e581d7112b7ee0b559fc3db575b7b7c42ee4f2a20442dc0",
            "22db97cd5f359f12aec66c51c7da79ba629db4c8c7e5501be2ec1e4cc3f3944b6e3057d093bc68b735b5156950f91804",
            "933018419a32b7bf65f9777c44889a44b32d61ceddbb46839366ce2ca2ffeb1833f46559e59c93bb07f622d9633f13932cf7f1",
            "25023a4ee9bdbf525cfef888e2480f86"
        },
        {
            "148579a3cbca86d5520d66c0ec71ca5f7e41ba78e56dc6eebd566fed547fe691", "b08a5ea1927499c6ecbfd4e0",
            "9d0b15fdf1bd595f91f8b3abc0f7dec927dfd4799935a1795d9ce00c9b879434420fe42c275a7cd7b39d638fb81ca52b49dc41",
            "e4f963f015ffbb99ee3349bbaf7e8e8e6c2a71c230a48f9d59860a29091d2747e01a5ca572347e247d25f56ba7ae8e05cde2be3c97931292c02370208ecd097ef692687fecf2f419d3200162a6480a57dad408a0dfeb492e2c5d",
            "2097e372950a5e9383c675e89eea1c314f999159f5611344b298cda45e62843716f215f82ee663919c64002a5c198d7878fd3f",
            "adbecdb0d5c2224d804d2886ff9a5760"
        },
    };

    [Theory]
    [MemberData(nameof(CavpVectors))]
    public void Encrypt_CavpVector_CiphertextAndTagMatch(string key, string nonce, string plaintext, string associated, string ciphertext, string tag)
    {
        byte[] k = Convert.FromHexString(key);
        byte[] n = Convert.FromHexString(nonce);
        byte[] p = Convert.FromHexString(plaintext);
        byte[] a = Convert.FromHexString(associated);

        // The reference first: a vector copied wrongly fails here, before it says anything about Aes256Gcm.
        using (var reference = new AesGcm(k, Aes256Gcm.TagSize))
        {
            byte[] c = new byte[p.Length];
            byte[] t = new byte[Aes256Gcm.TagSize];
            reference.Encrypt(n, p, c, t, a);
            Assert.Equal(ciphertext, Convert.ToHexStringLower(c));
            Assert.Equal(tag, Convert.ToHexStringLower(t));
        }

        foreach (bool accelerated in new[] { true, false })
        {
            using var cipher = new Aes256Gcm(k, accelerated);
            byte[] c = new byte[p.Length];
            byte[] t = new byte[Aes256Gcm.TagSize];
            cipher.Encrypt(n, p, c, t, a);
            Assert.Equal(ciphertext, Convert.ToHexStringLower(c));
            Assert.Equal(tag, Convert.ToHexStringLower(t));

            byte[] inPlace = (byte[])p.Clone();
            byte[] t2 = new byte[Aes256Gcm.TagSize];
            cipher.Encrypt(n, inPlace, inPlace, t2, a);
            Assert.Equal(ciphertext, Convert.ToHexStringLower(inPlace));
            Assert.Equal(tag, Convert.ToHexStringLower(t2));
        }
    }

    [Theory]
    [MemberData(nameof(CavpVectors))]
    public void TryDecrypt_CavpVector_OpensToThePlaintext(string key, string nonce, string plaintext, string associated, string ciphertext, string tag)
    {
        byte[] n = Convert.FromHexString(nonce);
        byte[] c = Convert.FromHexString(ciphertext);
        byte[] t = Convert.FromHexString(tag);
        byte[] a = Convert.FromHexString(associated);
        foreach (bool accelerated in new[] { true, false })
        {
            using var cipher = new Aes256Gcm(Convert.FromHexString(key), accelerated);
            byte[] p = new byte[c.Length];
            Assert.True(cipher.TryDecrypt(n, c, t, p, a));
            Assert.Equal(plaintext, Convert.ToHexStringLower(p));

            byte[] inPlace = (byte[])c.Clone();
            Assert.True(cipher.TryDecrypt(n, inPlace, t, inPlace, a));
            Assert.Equal(plaintext, Convert.ToHexStringLower(inPlace));
        }
    }
}
