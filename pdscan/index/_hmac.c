/* Batch HMAC-SHA256 over the values of an Arrow binary array, for the index build.
 *
 * Python pays ~0.6 us per value for HMAC through hashlib (object creation and
 * OpenSSL's EVP dispatch on every call), which made hashing the floor of an index
 * build when values do not repeat. Here one call hashes a whole batch: the inner
 * and outer SHA-256 states are set up once, then each value costs two SHA-256
 * compressions in OpenSSL (SHA-NI where the CPU has it). The result is
 * byte-identical to hmac.new(key, prefix + value, sha256).digest()[:width]
 * (tests/test_index_postings.py checks it against the standard library).
 *
 * OpenSSL's SHA256_* functions are deprecated in 3.0 in favour of EVP, but EVP
 * costs more than the hash itself on 20-byte values (3.8 M/s against 8.9 M/s
 * here), so the low-level ones are used on purpose. The extension is optional:
 * without a compiler or OpenSSL's headers, pdscan.index.keys hashes in Python.
 */
#define PY_SSIZE_T_CLEAN
#define OPENSSL_SUPPRESS_DEPRECATED
#include <Python.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdint.h>
#include <string.h>

#define BLOCK 64

static int check_buffer(Py_buffer *b, const char *what, Py_ssize_t need) {
    if (b->len < need) {
        PyErr_Format(PyExc_ValueError, "%s buffer too short (%zd < %zd bytes)", what, b->len,
                     need);
        return -1;
    }
    return 0;
}

/* hmac_batch(padded_key, prefix, offsets, data, start, count, width) -> bytes
 *
 * padded_key: the HMAC key already reduced to one 64-byte block (RFC 2104).
 * offsets: int32 Arrow offsets; value i is data[offsets[start+i]:offsets[start+i+1]].
 * Returns count * width bytes: the first `width` bytes of each value's HMAC. */
static PyObject *hmac_batch(PyObject *self, PyObject *args) {
    Py_buffer key, prefix, offs, data;
    Py_ssize_t start, count, width;
    PyObject *out = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nnn", &key, &prefix, &offs, &data, &start, &count,
                          &width))
        return NULL;
    if (key.len != BLOCK) {
        PyErr_SetString(PyExc_ValueError, "padded_key must be 64 bytes");
        goto done;
    }
    if (width < 1 || width > SHA256_DIGEST_LENGTH || start < 0 || count < 0) {
        PyErr_SetString(PyExc_ValueError, "bad width, start or count");
        goto done;
    }
    if (check_buffer(&offs, "offsets", (start + count + 1) * (Py_ssize_t)sizeof(int32_t)) < 0)
        goto done;
    const int32_t *off = (const int32_t *)offs.buf + start;
    const unsigned char *bytes = data.buf;
    for (Py_ssize_t i = 0; i < count; i++) { /* never read outside the data buffer */
        if (off[i] < 0 || off[i + 1] < off[i] || off[i + 1] > data.len) {
            PyErr_Format(PyExc_ValueError, "offsets out of bounds at value %zd", i);
            goto done;
        }
    }

    unsigned char ipad[BLOCK], opad[BLOCK];
    const unsigned char *k = key.buf;
    for (int i = 0; i < BLOCK; i++) {
        ipad[i] = k[i] ^ 0x36;
        opad[i] = k[i] ^ 0x5c;
    }
    SHA256_CTX inner, outer, ctx;
    SHA256_Init(&inner);
    SHA256_Update(&inner, ipad, BLOCK);
    SHA256_Update(&inner, prefix.buf, (size_t)prefix.len);
    SHA256_Init(&outer);
    SHA256_Update(&outer, opad, BLOCK);

    out = PyBytes_FromStringAndSize(NULL, count * width);
    if (out == NULL)
        goto done;
    unsigned char *dst = (unsigned char *)PyBytes_AS_STRING(out);
    unsigned char md[SHA256_DIGEST_LENGTH];
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < count; i++) {
        ctx = inner;
        SHA256_Update(&ctx, bytes + off[i], (size_t)(off[i + 1] - off[i]));
        SHA256_Final(md, &ctx);
        ctx = outer;
        SHA256_Update(&ctx, md, SHA256_DIGEST_LENGTH);
        SHA256_Final(md, &ctx);
        memcpy(dst + i * width, md, (size_t)width);
    }
    Py_END_ALLOW_THREADS
    OPENSSL_cleanse(&inner, sizeof inner); /* key material: leave none on the stack */
    OPENSSL_cleanse(&outer, sizeof outer);
    OPENSSL_cleanse(&ctx, sizeof ctx);
    OPENSSL_cleanse(md, sizeof md);
    OPENSSL_cleanse(ipad, BLOCK);
    OPENSSL_cleanse(opad, BLOCK);

done:
    PyBuffer_Release(&key);
    PyBuffer_Release(&prefix);
    PyBuffer_Release(&offs);
    PyBuffer_Release(&data);
    return out;
}

static PyMethodDef methods[] = {
    {"hmac_batch", hmac_batch, METH_VARARGS,
     "hmac_batch(padded_key, prefix, offsets, data, start, count, width) -> bytes"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_hmac",
                                    "Batch HMAC-SHA256 for the index build.", -1, methods};

PyMODINIT_FUNC PyInit__hmac(void) { return PyModule_Create(&module); }
